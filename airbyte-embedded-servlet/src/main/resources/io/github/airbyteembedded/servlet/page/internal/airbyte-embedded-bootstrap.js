/*!
 * Airbyte Embedded for Java: the bootstrap script (airbyte-embedded-servlet). Written for this library.
 *
 * Wires every element marked data-airbyte-connect to the token route. On click it fetches a widget
 * token (with the page's CSRF header and same-origin credentials), constructs the widget then (never
 * at page load, which would start the widget's iframe early), opens it, re-dispatches the widget's
 * events on the element as DOM events, and gives an open widget a fresh token before the old one
 * expires. It has no inline code and uses no eval, so it runs under a strict Content-Security-Policy.
 *
 * Data attributes: on its own <script>, data-airbyte-token-path (the route) and, optionally,
 * data-airbyte-source-events-path (where a created or updated source is reported for the server to
 * confirm; the answer is dispatched as airbyte:source-confirmed). Both are read from that element only
 * (never from a connect element, which injected markup can forge) and must be paths of the page's own
 * origin (a single leading "/"): requests carrying the page's CSRF header go nowhere else. On a connect
 * element: data-airbyte-connect (required), data-airbyte-message-target (the id of the element that
 * shows error messages), data-airbyte-message-<code> (the message for one error code, e.g.
 * data-airbyte-message-rate-limited). A connect element that carries a path of its own is refused
 * (airbyte:error, code path_not_allowed). State: data-airbyte-state on the element (loading, open,
 * closed, error, unavailable) and aria-busy while the token is fetched.
 *
 * Events, dispatched on the element, bubbling: airbyte:open, airbyte:close, airbyte:source-created,
 * airbyte:source-updated (both straight from the widget, in the browser), airbyte:source-confirmed
 * (detail.source: the server found the source in the user's workspace), airbyte:source-unconfirmed
 * (detail.code: it did not, or could not ask Airbyte; no message is shown), airbyte:token-refreshed,
 * airbyte:widget-event (every widget event, raw) and
 * airbyte:error (cancelable; detail.code, detail.status, detail.message, detail.retryAfter,
 * detail.source). Cancelling airbyte:error, or replacing detail.message, replaces the default message.
 */
(function () {
  "use strict";

  // Own properties only: an element with that id or name (named access on window) is not this script.
  if (Object.prototype.hasOwnProperty.call(window, "__airbyteEmbeddedBootstrap")) {
    return;
  }
  Object.defineProperty(window, "__airbyteEmbeddedBootstrap", { value: true });

  var PATH_ATTRIBUTES = ["data-airbyte-token-path", "data-airbyte-source-events-path"];
  var SAME_ORIGIN_PATH = /^\/(?![\/\\])[^\\\s]*$/;

  // The <script> element running this code. Read through the prototype's getter: document.currentScript
  // itself can be shadowed by injected markup (<img name="currentScript">), which would choose the paths.
  var script = (function () {
    var descriptor = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript");
    var current = descriptor && descriptor.get ? descriptor.get.call(document) : null;
    return current instanceof HTMLScriptElement ? current : null;
  })();

  // An absolute URL of the page's own origin for a path of the script tag, or null (with a console error)
  // when the path is not a same-origin path. Built on location.origin, not the document's base URL, which
  // an injected <base> could move elsewhere.
  function ownOriginUrl(attribute, fallback) {
    var path = script ? script.getAttribute(attribute) : null;
    if (path === null) {
      path = fallback;
    }
    if (path === null) {
      return null;
    }
    var url = null;
    if (SAME_ORIGIN_PATH.test(path)) {
      try {
        url = new URL(window.location.origin + path);
      } catch (e) {
        url = null;
      }
    }
    if (!url || url.origin !== window.location.origin) {
      if (window.console) {
        window.console.error("Airbyte Embedded: " + attribute + " on the bootstrap's <script> must be a path of the "
            + "page's own origin, starting with a single '/'; it is not used.");
      }
      return null;
    }
    return url.href;
  }

  var TOKEN_URL = ownOriginUrl("data-airbyte-token-path", "/api/airbyte/widget-token");
  var SOURCE_EVENTS_URL = ownOriginUrl("data-airbyte-source-events-path", null);
  var CONNECT_SELECTOR = "[data-airbyte-connect]";
  var REFRESH_LEAD_MS = 60000;
  var MIN_REFRESH_DELAY_MS = 5000;
  var MAX_TIMER_MS = 2147483647;

  var MESSAGES = {
    unauthenticated: "Sign in to connect your data.",
    origin_not_allowed: "This page is not allowed to connect data sources.",
    forbidden: "You are not allowed to connect data sources here.",
    rate_limited: "Too many attempts. Try again in a moment.",
    overloaded: "The service is busy. Try again in a moment.",
    unavailable: "The data connection service is unavailable. Try again shortly.",
    network_error: "The server could not be reached. Check your connection and try again.",
    path_not_allowed: "This button cannot connect data sources.",
    invalid_response: "The server sent an unexpected answer. Try again later.",
    widget_script_unavailable: "The data connection widget could not be loaded.",
    widget_error: "The data connection widget could not be opened."
  };
  var FALLBACK_MESSAGE = "Could not start connecting your data. Try again later.";

  var states = new WeakMap();

  function stateOf(element) {
    var state = states.get(element);
    if (!state) {
      state = { widget: null, dialog: null, timer: null, busy: false, messageElement: null };
      states.set(element, state);
    }
    return state;
  }

  function emit(element, name, detail, cancelable) {
    return element.dispatchEvent(new CustomEvent(name, { bubbles: true, cancelable: !!cancelable, detail: detail }));
  }

  function Failure(code, status, message, retryAfter, source) {
    this.code = code;
    this.status = status;
    this.message = message || null;
    this.retryAfter = retryAfter;
    this.source = source;
  }

  function codeForStatus(status) {
    switch (status) {
      case 401: return "unauthenticated";
      case 403: return "forbidden";
      case 429: return "rate_limited";
      case 502: case 503: case 504: return "unavailable";
      default: return "http_" + status;
    }
  }

  function retryAfterSeconds(response) {
    var value = response.headers.get("Retry-After");
    var seconds = value === null ? NaN : parseInt(value, 10);
    return isFinite(seconds) ? seconds : null;
  }

  function meta(name) {
    var element = document.querySelector("meta[name=\"" + name + "\"]");
    return element ? element.getAttribute("content") : null;
  }

  /** The JSON value of an answer's text, or null when it is empty or not JSON. */
  function parseJson(text) {
    try {
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  function requestHeaders() {
    var headers = { "Accept": "application/json" };
    var csrfToken = meta("_csrf");
    var csrfHeader = meta("_csrf_header");
    if (csrfToken && csrfHeader) {
      headers[csrfHeader] = csrfToken;
    }
    return headers;
  }

  // Reports a created or updated source to the server, which confirms it against the user's workspace
  // before telling the application; only the source id is sent.
  function confirmSource(element, message, data) {
    if (!SOURCE_EVENTS_URL || !data || typeof data.id !== "string") {
      return;
    }
    var headers = requestHeaders();
    headers["Content-Type"] = "application/json";
    var type = message.indexOf("partial_user_config_") === 0 ? message : (/updated$/.test(message) ? "source_updated" : "source_created");
    fetch(SOURCE_EVENTS_URL, {
      method: "POST", credentials: "same-origin", headers: headers, cache: "no-store", redirect: "manual",
      body: JSON.stringify({ type: type, sourceId: data.id })
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = parseJson(text);
        if (response.ok && body && body.source) {
          emit(element, "airbyte:source-confirmed", { source: body.source, message: message });
          return;
        }
        var code = body && typeof body.error === "string" ? body.error : codeForStatus(response.status);
        emit(element, "airbyte:source-unconfirmed", { code: code, status: response.status, sourceId: data.id,
          retryAfter: retryAfterSeconds(response) });
      });
    }, function () {
      emit(element, "airbyte:source-unconfirmed", { code: "network_error", status: 0, sourceId: data.id, retryAfter: null });
    });
  }

  // A connect element never chooses where the token (and the CSRF header) goes: one that carries a path
  // of its own is forged markup or was written for an older version; its click is refused.
  function refusedPath(element) {
    for (var i = 0; i < PATH_ATTRIBUTES.length; i++) {
      if (element.hasAttribute(PATH_ATTRIBUTES[i])) {
        if (window.console) {
          window.console.warn("Airbyte Embedded: a connect element carries " + PATH_ATTRIBUTES[i] + "; the click is "
              + "refused. The routes come only from the bootstrap's own <script>, which the server renders.");
        }
        return true;
      }
    }
    return !TOKEN_URL;
  }

  function requestToken(element) {
    if (refusedPath(element)) {
      return Promise.reject(new Failure("path_not_allowed", 0, null, null, "page"));
    }
    var headers = requestHeaders();
    return fetch(TOKEN_URL, {
      method: "POST", credentials: "same-origin", headers: headers, cache: "no-store", redirect: "manual"
    }).then(function (response) {
      if (response.type === "opaqueredirect") {
        // The route never redirects: the application's security layer sent the request to a login page.
        throw new Failure("unauthenticated", 401, null, null, "route");
      }
      return response.text().then(function (text) {
        var body = parseJson(text);
        if (response.ok) {
          if (!body || typeof body.token !== "string") {
            throw new Failure("invalid_response", response.status, null, null, "route");
          }
          return { token: body.token, expiresAt: Date.parse(body.expiresAt), serverNow: Date.parse(response.headers.get("Date")) };
        }
        var code = body && typeof body.error === "string" ? body.error : codeForStatus(response.status);
        var message = body && typeof body.message === "string" ? body.message : null;
        throw new Failure(code, response.status, message, retryAfterSeconds(response), "route");
      });
    }, function () {
      throw new Failure("network_error", 0, null, null, "route");
    });
  }

  function messageElementFor(element, state) {
    var targetId = element.getAttribute("data-airbyte-message-target");
    var target = targetId ? document.getElementById(targetId) : null;
    if (target) {
      return { element: target, own: false };
    }
    if (!state.messageElement || !state.messageElement.isConnected) {
      state.messageElement = document.createElement("span");
      state.messageElement.setAttribute("data-airbyte-message", "");
      state.messageElement.setAttribute("role", "alert");
      state.messageElement.hidden = true;
      element.insertAdjacentElement("afterend", state.messageElement);
    }
    return { element: state.messageElement, own: true };
  }

  function showMessage(element, state, text) {
    var target = messageElementFor(element, state);
    target.element.textContent = text;
    if (target.own) {
      target.element.hidden = false;
    }
  }

  function clearMessage(element, state) {
    var targetId = element.getAttribute("data-airbyte-message-target");
    var target = targetId ? document.getElementById(targetId) : state.messageElement;
    if (target) {
      target.textContent = "";
      if (target === state.messageElement) {
        target.hidden = true;
      }
    }
  }

  function fail(element, state, failure, extra) {
    if (!(failure instanceof Failure)) {
      failure = new Failure("widget_error", 0, null, null, "page");
    }
    var override = element.getAttribute("data-airbyte-message-" + failure.code.replace(/_/g, "-"));
    var detail = {
      code: failure.code,
      status: failure.status,
      message: override || failure.message || MESSAGES[failure.code] || FALLBACK_MESSAGE,
      retryAfter: failure.retryAfter,
      source: failure.source
    };
    Object.keys(extra || {}).forEach(function (key) {
      detail[key] = extra[key];
    });
    if (failure.source !== "widget") {
      element.setAttribute("data-airbyte-state", "error");
    }
    var showDefault = emit(element, "airbyte:error", detail, true);
    if (showDefault && failure.source !== "widget" && detail.message) {
      showMessage(element, state, String(detail.message));
    }
  }

  function widgetClass() {
    return typeof window.AirbyteEmbeddedWidget === "function" ? window.AirbyteEmbeddedWidget : null;
  }

  function onWidgetEvent(element, state, event) {
    emit(element, "airbyte:widget-event", { event: event });
    if (!event || event.type !== "end_user_action_result" || typeof event.message !== "string") {
      return;
    }
    var message = event.message;
    var family = message.indexOf("partial_user_config_") === 0 ? "partial_user_config" : "source";
    var detail = { message: message, family: family, data: event.data, event: event };
    if (message === "source_created" || message === "partial_user_config_created") {
      emit(element, "airbyte:source-created", detail);
      confirmSource(element, message, event.data);
    } else if (message === "source_updated" || message === "partial_user_config_updated") {
      emit(element, "airbyte:source-updated", detail);
      confirmSource(element, message, event.data);
    } else if (/_(create|update)_error$/.test(message)) {
      var error = event.error;
      var text = error && typeof error === "object" && error.message ? error.message : (error ? String(error) : null);
      fail(element, state, new Failure(message, 0, text, null, "widget"), { family: family, error: error, event: event });
    }
  }

  function findNewDialog(before) {
    var dialogs = document.querySelectorAll("dialog");
    for (var i = dialogs.length - 1; i >= 0; i--) {
      if (before.indexOf(dialogs[i]) < 0) {
        return dialogs[i];
      }
    }
    return null;
  }

  function destroyWidget(state) {
    window.clearTimeout(state.timer);
    state.timer = null;
    if (state.widget) {
      try {
        state.widget.destroy();
      } catch (e) {
        // already gone
      }
    }
    state.widget = null;
    state.dialog = null;
  }

  function isOpen(state) {
    return !!state.widget && (!state.dialog || state.dialog.open);
  }

  function scheduleRefresh(element, state, result) {
    window.clearTimeout(state.timer);
    state.timer = null;
    if (!isFinite(result.expiresAt)) {
      return;
    }
    var now = isFinite(result.serverNow) ? result.serverNow : Date.now();
    var remaining = result.expiresAt - now;
    var delay = remaining - Math.min(REFRESH_LEAD_MS, remaining / 2);
    delay = Math.min(MAX_TIMER_MS, Math.max(MIN_REFRESH_DELAY_MS, delay));
    var widget = state.widget;
    state.timer = window.setTimeout(function () {
      state.timer = null;
      if (state.widget !== widget || !isOpen(state)) {
        return;
      }
      requestToken(element).then(function (fresh) {
        if (state.widget !== widget || !isOpen(state)) {
          return;
        }
        widget.updateToken(fresh.token);
        emit(element, "airbyte:token-refreshed", { expiresAt: new Date(fresh.expiresAt).toISOString() });
        scheduleRefresh(element, state, fresh);
      }, function (failure) {
        fail(element, state, failure, { refresh: true });
      });
    }, delay);
  }

  function open(element) {
    var state = stateOf(element);
    if (state.busy) {
      return;
    }
    clearMessage(element, state);
    var Widget = widgetClass();
    if (!Widget) {
      element.setAttribute("data-airbyte-state", "unavailable");
      if (window.console) {
        window.console.error("Airbyte Embedded: the widget script did not load. The browser blocked it (a "
            + "Subresource Integrity mismatch or the Content-Security-Policy; see the console above) or could not fetch it.");
      }
      fail(element, state, new Failure("widget_script_unavailable", 0, null, null, "page"));
      return;
    }
    state.busy = true;
    element.setAttribute("aria-busy", "true");
    element.setAttribute("data-airbyte-state", "loading");
    requestToken(element).then(function (result) {
      destroyWidget(state);
      var before = Array.prototype.slice.call(document.querySelectorAll("dialog"));
      var widget;
      try {
        widget = new Widget({ token: result.token, onEvent: function (event) { onWidgetEvent(element, state, event); } });
      } catch (e) {
        throw new Failure("widget_error", 0, null, null, "page");
      }
      state.widget = widget;
      state.dialog = findNewDialog(before);
      if (state.dialog) {
        var dialog = state.dialog;
        dialog.addEventListener("close", function () {
          if (state.dialog === dialog) {
            window.clearTimeout(state.timer);
            state.timer = null;
            element.setAttribute("data-airbyte-state", "closed");
            emit(element, "airbyte:close", {});
          }
        });
      }
      widget.open();
      element.setAttribute("data-airbyte-state", "open");
      emit(element, "airbyte:open", { expiresAt: new Date(result.expiresAt).toISOString() });
      scheduleRefresh(element, state, result);
    }).catch(function (failure) {
      fail(element, state, failure);
    }).then(function () {
      state.busy = false;
      element.removeAttribute("aria-busy");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var element = target && target.closest ? target.closest(CONNECT_SELECTOR) : null;
    if (!element) {
      return;
    }
    event.preventDefault();
    open(element);
  });

  if (!widgetClass()) {
    Array.prototype.forEach.call(document.querySelectorAll(CONNECT_SELECTOR), function (element) {
      element.setAttribute("data-airbyte-state", "unavailable");
    });
  }
})();
