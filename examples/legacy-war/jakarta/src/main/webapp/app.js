// Once the server has checked a newly connected source (or could not), show the list again.
(function () {
  "use strict";
  ["airbyte:source-confirmed", "airbyte:source-unconfirmed"].forEach(function (name) {
    document.addEventListener(name, function () { window.location.reload(); });
  });
})();
