/*!
 * Airbyte Embedded widget, emulator edition (airbyte-embedded-testkit).
 * Written from the protocol notes of the airbyte-embedded-testkit project; API-compatible with
 * @airbyte-embedded/airbyte-embedded-widget 0.4.5 (constructor {token, onEvent}, open(), updateToken(), destroy()).
 * This file is not the vendor's bundle and contains none of its code.
 */
var AirbyteEmbeddedWidget = (function () {
  "use strict";

  var STYLE_TEXT = "@@STYLE_TEXT@@";

  function decodeToken(token) {
    try {
      var text = String(token).trim().replace(/-/g, "+").replace(/_/g, "/");
      while (text.length % 4 !== 0) {
        text += "=";
      }
      var decoded = JSON.parse(atob(text));
      if (!decoded || !decoded.widgetUrl) {
        throw new Error("the token has no widgetUrl");
      }
      return decoded;
    } catch (e) {
      throw new Error("Failed to decode token: " + (e && e.message ? e.message : e));
    }
  }

  function originOf(url) {
    return new URL(url, window.location.href).origin;
  }

  function AirbyteEmbeddedWidget(config) {
    if (!config || !config.token) {
      throw new Error("AirbyteEmbeddedWidget: a token is required");
    }
    this.onEvent = typeof config.onEvent === "function" ? config.onEvent : null;
    this.decoded = decodeToken(config.token);
    this.widgetOrigin = originOf(this.decoded.widgetUrl);

    var style = document.createElement("style");
    style.textContent = STYLE_TEXT;
    document.head.appendChild(style);

    var dialog = document.createElement("dialog");
    dialog.className = "airbyte-widget-dialog-wrapper";
    dialog.setAttribute("aria-label", "Airbyte Widget");

    var content = document.createElement("div");
    content.className = "airbyte-widget-content";

    var frameBox = document.createElement("div");
    frameBox.className = "airbyte-widget-frame-box";

    var iframe = document.createElement("iframe");
    iframe.setAttribute("frameborder", "0");
    iframe.setAttribute("allow", "fullscreen");
    iframe.setAttribute("title", "Airbyte Widget");
    iframe.style.width = "100%";
    iframe.style.height = "100%";
    iframe.style.border = "0";
    iframe.style.display = "block";
    iframe.src = this.decoded.widgetUrl;

    var footer = document.createElement("div");
    footer.className = "airbyte-widget-footer";
    var mark = document.createElement("span");
    mark.className = "airbyte-widget-footer-mark";
    footer.appendChild(mark);
    footer.appendChild(document.createTextNode("Powered by Airbyte (emulator)"));

    frameBox.appendChild(iframe);
    content.appendChild(frameBox);
    content.appendChild(footer);
    dialog.appendChild(content);
    document.body.appendChild(dialog);

    this.dialog = dialog;
    this.iframe = iframe;
    this.listener = this.handleMessage.bind(this);
    window.addEventListener("message", this.listener);
  }

  AirbyteEmbeddedWidget.prototype.handleMessage = function (event) {
    var fromIframe = this.iframe && event.source === this.iframe.contentWindow;
    if (event.origin !== this.widgetOrigin && !fromIframe) {
      return;
    }
    if (event.origin === window.location.origin && event.source === window) {
      return;
    }
    var data = event.data;
    if (data === "auth_token_request") {
      this.sendToken();
    } else if (data === "CLOSE_DIALOG") {
      if (this.dialog) {
        this.dialog.close();
      }
    } else if (data && typeof data === "object" && data.type) {
      if (this.onEvent) {
        this.onEvent(data);
      }
    }
  };

  AirbyteEmbeddedWidget.prototype.sendToken = function () {
    if (this.iframe && this.iframe.contentWindow) {
      this.iframe.contentWindow.postMessage({ scopedAuthToken: this.decoded.token }, this.widgetOrigin);
    }
  };

  AirbyteEmbeddedWidget.prototype.open = function () {
    if (this.dialog && !this.dialog.open) {
      this.dialog.showModal();
    }
  };

  AirbyteEmbeddedWidget.prototype.updateToken = function (token) {
    this.decoded = decodeToken(token);
    this.widgetOrigin = originOf(this.decoded.widgetUrl);
    this.sendToken();
  };

  AirbyteEmbeddedWidget.prototype.destroy = function () {
    window.removeEventListener("message", this.listener);
    if (this.dialog && this.dialog.parentNode) {
      this.dialog.parentNode.removeChild(this.dialog);
    }
    this.dialog = null;
    this.iframe = null;
  };

  AirbyteEmbeddedWidget.AirbyteEmbeddedWidget = AirbyteEmbeddedWidget;
  AirbyteEmbeddedWidget["default"] = AirbyteEmbeddedWidget;
  if (typeof window !== "undefined") {
    window.AirbyteEmbeddedWidget = AirbyteEmbeddedWidget;
  }
  return AirbyteEmbeddedWidget;
})();
