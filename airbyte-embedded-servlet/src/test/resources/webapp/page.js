// The host page's own script: records the airbyte:* events of the connect button, as an app would react to them.
(function () {
  "use strict";
  window.airbyteEvents = [];
  var names = ["airbyte:open", "airbyte:close", "airbyte:source-created", "airbyte:source-updated",
    "airbyte:error", "airbyte:token-refreshed", "airbyte:source-confirmed", "airbyte:source-unconfirmed"];
  names.forEach(function (name) {
    document.addEventListener(name, function (event) {
      var detail = event.detail || {};
      window.airbyteEvents.push({ name: name, target: event.target.id, code: detail.code || null,
        message: detail.message || null, sourceId: detail.data && detail.data.id ? detail.data.id
          : (detail.source && detail.source.id ? detail.source.id : (detail.sourceId || null)),
        family: detail.family || null, status: detail.status === undefined ? null : detail.status,
        retryAfter: detail.retryAfter === undefined ? null : detail.retryAfter });
      var item = document.createElement("li");
      item.textContent = name + (detail.code ? " " + detail.code : "");
      document.getElementById("events").appendChild(item);
    });
  });
})();
