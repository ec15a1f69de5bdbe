// The home page's own script (loaded with the request's CSP nonce; no inline code, no eval).
//
// The list of connected sources is rendered on the server. When the server has confirmed a new source
// (airbyte:source-confirmed, dispatched by the bootstrap script after POST /api/airbyte/source-events),
// the list is fetched again as a server-rendered fragment and swapped in: no page reload. Disconnecting
// goes through the filter's DELETE route, which only ever deletes a source of the signed-in user's
// workspace. Errors of the token route and of the widget's connection check are shown as alerts.
(function () {
  "use strict";

  var card = document.getElementById("sources-card");
  var alerts = document.getElementById("alerts");
  var fragmentPath = card.getAttribute("data-sources-fragment");
  var sourcesApiPath = card.getAttribute("data-sources-api");
  var refreshes = 0;

  function meta(name) {
    var element = document.querySelector("meta[name=\"" + name + "\"]");
    return element ? element.getAttribute("content") : null;
  }

  function headers(accept) {
    var result = { "Accept": accept };
    var token = meta("_csrf");
    var header = meta("_csrf_header");
    if (token && header) {
      result[header] = token;
    }
    return result;
  }

  function clearAlerts() {
    while (alerts.firstChild) {
      alerts.removeChild(alerts.firstChild);
    }
  }

  // kind: error, warning, success or info. One alert at a time: the newest says what matters now.
  function showAlert(kind, title, text) {
    clearAlerts();
    var alert = document.createElement("div");
    alert.className = "alert alert-" + kind;
    alert.setAttribute("role", kind === "error" || kind === "warning" ? "alert" : "status");
    alert.setAttribute("data-alert", kind);
    var body = document.createElement("div");
    body.className = "alert-body";
    var strong = document.createElement("strong");
    strong.textContent = title;
    body.appendChild(strong);
    if (text) {
      var span = document.createElement("span");
      span.textContent = text;
      body.appendChild(span);
    }
    var close = document.createElement("button");
    close.type = "button";
    close.className = "alert-close";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "\u00d7";
    close.addEventListener("click", function () {
      alert.remove();
    });
    alert.appendChild(body);
    alert.appendChild(close);
    alerts.appendChild(alert);
  }

  function signedOut() {
    window.location.assign("/login");
  }

  // Fetches the list again, rendered by the server for the signed-in user, and swaps it in. Marked as
  // a script's request, Spring Security answers it with a plain 401 once the session has ended (no
  // login redirect, and it is not remembered as the page to return to after signing in).
  function refreshSources(highlightId) {
    var current = document.getElementById("sources");
    current.setAttribute("aria-busy", "true");
    var fragmentHeaders = headers("text/html");
    fragmentHeaders["X-Requested-With"] = "XMLHttpRequest";
    return fetch(fragmentPath, { credentials: "same-origin", headers: fragmentHeaders, cache: "no-store", redirect: "manual" })
      .then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 401) {
          signedOut();
          return null;
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("sources");
        if (!fresh) {
          throw new Error("no list in the answer");
        }
        current.replaceWith(document.adoptNode(fresh));
        if (highlightId) {
          Array.prototype.forEach.call(fresh.querySelectorAll("li[data-source-id]"), function (row) {
            if (row.getAttribute("data-source-id") === highlightId) {
              row.classList.add("is-new");
            }
          });
        }
        refreshes += 1;
        card.setAttribute("data-refreshes", String(refreshes));
      })
      .catch(function () {
        current.removeAttribute("aria-busy");
        showAlert("error", "Your data sources could not be refreshed.", "Reload the page to see the latest list.");
      });
  }

  // --- Events of the connect button (dispatched by the bootstrap script, bubbling) ---

  document.addEventListener("airbyte:open", function () {
    clearAlerts();
  });

  document.addEventListener("airbyte:source-created", function () {
    showAlert("info", "Checking your new data source\u2026", null);
  });

  document.addEventListener("airbyte:source-confirmed", function (event) {
    var source = event.detail.source || {};
    showAlert("success", (source.connector || "Your data source") + " is connected.",
      "Acme will start syncing it shortly.");
    refreshSources(source.id);
  });

  document.addEventListener("airbyte:source-unconfirmed", function (event) {
    if (event.detail.code === "unauthenticated") {
      signedOut();
      return;
    }
    showAlert("warning", "Your new data source could not be confirmed yet.",
      "It may take a moment to appear. Reload the page to check again.");
  });

  document.addEventListener("airbyte:error", function (event) {
    var detail = event.detail;
    event.preventDefault(); // this page shows its own alert instead of the bootstrap's message
    if (detail.source === "widget") {
      // The widget's connection check failed; the widget shows the details and stays open.
      showAlert("error", "The connection check failed.",
        (detail.message ? detail.message + ". " : "") + "Check the credentials and try again.");
      return;
    }
    if (detail.code === "unauthenticated") {
      showAlert("warning", "Your session has ended.", "Sign in again to connect your data.");
      return;
    }
    var text = detail.message || "";
    if (detail.retryAfter && !/try again/i.test(text)) {
      text += " Try again in " + detail.retryAfter + " seconds.";
    }
    showAlert("error", "Could not start connecting your data.", text);
  });

  // --- Disconnect: a first click asks for confirmation, the second one disconnects ---

  function disarmAll(except) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-disconnect].is-armed"), function (button) {
      if (button !== except) {
        button.classList.remove("is-armed");
        button.textContent = "Disconnect";
      }
    });
  }

  function disconnect(button) {
    var id = button.getAttribute("data-source-id");
    var connector = button.getAttribute("data-source-connector") || "The data source";
    button.disabled = true;
    button.textContent = "Disconnecting\u2026";
    fetch(sourcesApiPath + "/" + encodeURIComponent(id), {
      method: "DELETE", credentials: "same-origin", headers: headers("application/json"), cache: "no-store", redirect: "manual"
    }).then(function (response) {
      if (response.status === 204) {
        showAlert("success", connector + " is disconnected.", "Acme no longer syncs it.");
        return refreshSources(null);
      }
      if (response.status === 401 || response.type === "opaqueredirect") {
        signedOut();
        return null;
      }
      return response.json().catch(function () {
        return {};
      }).then(function (body) {
        if (response.status === 404) {
          showAlert("warning", connector + " was already disconnected.", null);
          return refreshSources(null);
        }
        button.disabled = false;
        button.classList.remove("is-armed");
        button.textContent = "Disconnect";
        showAlert("error", connector + " could not be disconnected.", body.message || "Try again in a moment.");
        return null;
      });
    }, function () {
      button.disabled = false;
      button.classList.remove("is-armed");
      button.textContent = "Disconnect";
      showAlert("error", connector + " could not be disconnected.", "The server could not be reached.");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-disconnect]") : null;
    disarmAll(button);
    if (!button || button.disabled) {
      return;
    }
    if (!button.classList.contains("is-armed")) {
      button.classList.add("is-armed");
      button.textContent = "Confirm disconnect";
      return;
    }
    disconnect(button);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      disarmAll(null);
    }
  });
})();
