// A stand-in for the widget, self-hosted by the test app: it records what the bootstrap does with it
// (construction, open, updateToken, destroy) and lets the test play the widget's events.
(function () {
  "use strict";
  window.stubWidgets = [];
  function StubWidget(config) {
    if (!config || !config.token) {
      throw new Error("a token is required");
    }
    this.config = config;
    this.tokens = [config.token];
    this.opened = 0;
    this.destroyed = false;
    this.dialog = document.createElement("dialog");
    this.dialog.className = "stub-widget";
    this.dialog.textContent = "stub widget";
    document.body.appendChild(this.dialog);
    window.stubWidgets.push(this);
  }
  StubWidget.prototype.open = function () { this.opened++; this.dialog.showModal(); };
  StubWidget.prototype.updateToken = function (token) { this.tokens.push(token); };
  StubWidget.prototype.destroy = function () { this.destroyed = true; this.dialog.remove(); };
  StubWidget.prototype.emit = function (event) { this.config.onEvent(event); };
  window.AirbyteEmbeddedWidget = StubWidget;
})();
