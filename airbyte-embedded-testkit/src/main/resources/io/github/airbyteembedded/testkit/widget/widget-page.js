/*
 * The emulator's widget page (the iframe behind a widget token's widgetUrl). It follows the protocol
 * notes: ask the parent for the token with targetOrigin = allowedOrigin, accept the reply only from
 * exactly allowedOrigin, verify the token with the emulator, then let the user pick a connector, enter
 * credentials and create (or edit) a source, reporting the result to the parent.
 *
 * State is visible on <body>: data-state (waiting-for-token, verifying, ready, form, checking,
 * check-failed, source-created, source-updated, error), data-error (a code, in the error state), and
 * data-listening once the page listens for the token.
 */
(function () {
  "use strict";

  var MASK = "**********";
  var body = document.body;
  var app = document.getElementById("app");
  var family = body.getAttribute("data-event-family") || "source";
  var authTimeoutMs = parseInt(body.getAttribute("data-auth-timeout-ms"), 10) || 5000;
  // The API is on another origin than this page, as api.airbyte.ai is beside app.airbyte.ai.
  var apiBase = body.getAttribute("data-api-base") || "";
  var params = new URLSearchParams(window.location.search);
  var workspaceId = params.get("workspaceId");
  var allowedOrigin = params.get("allowedOrigin");

  var token = null;
  var info = null;
  var authTimer = null;
  var started = false;

  function setState(state) {
    body.setAttribute("data-state", state);
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attributes[name];
      } else {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function clear() {
    while (app.firstChild) {
      app.removeChild(app.firstChild);
    }
  }

  function showError(code, title, detail) {
    setState("error");
    body.setAttribute("data-error", code);
    clear();
    app.appendChild(el("div", { id: "widget-error", "class": "error", role: "alert" }, [
      el("h2", { text: title }),
      el("p", { text: detail })
    ]));
  }

  function post(message) {
    window.parent.postMessage(message, allowedOrigin);
  }

  function sendEvent(suffix, payload) {
    var event = { type: "end_user_action_result", message: family + "_" + suffix };
    Object.keys(payload).forEach(function (key) {
      event[key] = payload[key];
    });
    post(event);
  }

  function claimsOf(jwt) {
    try {
      var part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      while (part.length % 4 !== 0) {
        part += "=";
      }
      return JSON.parse(atob(part));
    } catch (e) {
      return null;
    }
  }

  function api(method, path, payload) {
    var options = { method: method, headers: { "Authorization": "Bearer " + token, "Accept": "application/json" } };
    if (payload !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    return fetch(apiBase + path, options).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          json = null;
        }
        return { status: response.status, json: json, authError: response.headers.get("X-Emulator-Auth-Error") };
      });
    });
  }

  function describeFailure(result) {
    if (result.json && result.json.message) {
      return result.json.message;
    }
    if (result.json && typeof result.json.detail === "string") {
      return result.json.detail;
    }
    return "The emulator answered HTTP " + result.status;
  }

  function showTokenRejected(result) {
    if (result.authError === "expired") {
      showError("token-expired", "This session has expired",
          "The widget token has expired. The host page can call updateToken() with a fresh token.");
    } else {
      showError("token-invalid", "This session is not valid",
          "The emulator rejected the widget token (" + (result.authError || "invalid") + ").");
    }
  }

  // ---- authentication ----

  function start() {
    if (!workspaceId || !allowedOrigin) {
      showError("missing-parameters", "This widget link is incomplete",
          "The widget URL needs the workspaceId and allowedOrigin query parameters.");
      return;
    }
    if (window.parent === window) {
      showError("not-embedded", "Open this page through the widget",
          "This page expects to be loaded in the iframe of AirbyteEmbeddedWidget, which sends it its token.");
      return;
    }
    window.addEventListener("message", onMessage);
    body.setAttribute("data-listening", "true");
    try {
      post("auth_token_request");
    } catch (e) {
      showError("invalid-allowed-origin", "The allowed origin is not valid",
          "\"" + allowedOrigin + "\" is not an origin (expected e.g. https://app.example.com).");
      return;
    }
    authTimer = window.setTimeout(function () {
      if (!token) {
        showError("no-token", "No token from the allowed origin",
            "No authentication token was received from " + allowedOrigin + ". The page that hosts the widget "
            + "must be served from exactly that origin (scheme, host and port), which is the allowed_origin "
            + "of the widget token.");
      }
    }, authTimeoutMs);
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || typeof data !== "object" || typeof data.scopedAuthToken !== "string") {
      return;
    }
    if (event.origin !== allowedOrigin) {
      if (!token) {
        showError("origin-mismatch", "Token rejected: wrong origin",
            "A token arrived from " + event.origin + ", but this widget only accepts it from " + allowedOrigin + ".");
      }
      return;
    }
    verify(data.scopedAuthToken);
  }

  function verify(candidate) {
    var previous = token;
    var claims = claimsOf(candidate);
    if (!claims) {
      showError("token-invalid", "This session is not valid", "The token is not a JWT.");
      return;
    }
    if (claims.allowed_origin !== undefined && claims.allowed_origin !== allowedOrigin) {
      showError("origin-claim-mismatch", "Token rejected: wrong origin",
          "The token was issued for " + claims.allowed_origin + ", not for " + allowedOrigin + ".");
      return;
    }
    setState("verifying");
    token = candidate;
    api("GET", "/api/v1/account/applications/scoped-token/info").then(function (result) {
      if (result.status !== 200) {
        token = previous && previous !== candidate ? previous : null;
        showTokenRejected(result);
        return;
      }
      if (result.json.workspace_id !== workspaceId) {
        token = null;
        showError("workspace-mismatch", "Token rejected: wrong workspace",
            "The token is scoped to another workspace than this widget link.");
        return;
      }
      info = result.json;
      token = candidate;
      window.clearTimeout(authTimer);
      body.setAttribute("data-authenticated", "true");
      body.setAttribute("data-token-id", claims.jti || "");
      body.removeAttribute("data-error");
      var state = body.getAttribute("data-state");
      if (!started || state === "verifying" || state === "error") {
        started = true;
        route();
      }
    }, function () {
      showError("network", "The emulator cannot be reached", "The token could not be verified.");
    });
  }

  // ---- views ----

  function route() {
    var templateId = params.get("selectedTemplateId");
    var sourceId = params.get("selectedPartialConfigId") || params.get("selectedSourceId");
    if (sourceId) {
      editSource(sourceId);
    } else if (templateId) {
      openTemplate(templateId);
    } else {
      home();
    }
  }

  function home() {
    setState("loading");
    Promise.all([
      api("GET", "/api/v1/integrations/templates/sources"),
      api("GET", "/api/v1/integrations/connectors?workspace_id=" + encodeURIComponent(workspaceId))
    ]).then(function (results) {
      var templates = results[0];
      var sources = results[1];
      if (templates.status === 401 || sources.status === 401) {
        showTokenRejected(templates.status === 401 ? templates : sources);
        return;
      }
      if (templates.status !== 200 || sources.status !== 200) {
        showError("api-error", "Something went wrong", describeFailure(templates.status !== 200 ? templates : sources));
        return;
      }
      clear();
      setState("ready");
      app.appendChild(el("p", { text: "Connect a data source for " + info.workspace_name + "." }));
      app.appendChild(el("h2", { "class": "section-title", text: "Available connectors" }));
      var list = el("ul", { id: "template-list", "class": "options" });
      templates.json.data.forEach(function (template) {
        var button = el("button", { type: "button", "class": "option template-option", "data-template-id": template.id,
          "data-connector-name": template.connector_name || "" }, [template.name]);
        button.addEventListener("click", function () {
          openTemplate(template.id);
        });
        list.appendChild(el("li", {}, [button]));
      });
      if (templates.json.data.length === 0) {
        list.appendChild(el("li", { "class": "status", text: "No connectors are enabled for this widget." }));
      }
      app.appendChild(list);
      if (sources.json.data.length > 0) {
        app.appendChild(el("h2", { "class": "section-title", text: "Your connected sources" }));
        var existing = el("ul", { id: "source-list", "class": "options" });
        sources.json.data.forEach(function (source) {
          var button = el("button", { type: "button", "class": "option source-option", "data-source-id": source.id },
              [source.name, el("small", { text: "Edit" })]);
          button.addEventListener("click", function () {
            editSource(source.id);
          });
          existing.appendChild(el("li", {}, [button]));
        });
        app.appendChild(existing);
      }
    });
  }

  function openTemplate(templateId) {
    setState("loading");
    api("GET", "/api/v1/integrations/templates/sources/" + encodeURIComponent(templateId)).then(function (result) {
      if (result.status === 401) {
        showTokenRejected(result);
      } else if (result.status !== 200) {
        showError("api-error", "This connector is not available", describeFailure(result));
      } else {
        renderForm(result.json, null);
      }
    });
  }

  function editSource(sourceId) {
    setState("loading");
    api("GET", "/api/v1/integrations/connectors/" + encodeURIComponent(sourceId)).then(function (result) {
      if (result.status === 401) {
        showTokenRejected(result);
      } else if (result.status !== 200) {
        showError("api-error", "This source cannot be edited", describeFailure(result));
      } else {
        renderForm(result.json.source_template, result.json);
      }
    });
  }

  function orderedProperties(spec) {
    var properties = spec.properties || {};
    return Object.keys(properties).map(function (name, index) {
      var order = typeof properties[name].order === "number" ? properties[name].order : 1000 + index;
      return { name: name, spec: properties[name], order: order };
    }).sort(function (a, b) {
      return a.order - b.order;
    });
  }

  function renderForm(template, source) {
    var spec = (template.user_config_spec && template.user_config_spec.connectionSpecification) || {};
    var required = spec.required || [];
    var values = source ? source.replication_config || {} : {};
    clear();
    setState("form");
    document.getElementById("title").textContent = (source ? "Edit " : "Connect ") + template.name;
    var form = el("form", { id: "source-form", novalidate: "novalidate", "data-template-id": template.id });
    var fields = orderedProperties(spec);
    fields.forEach(function (field) {
      form.appendChild(renderField(field, required.indexOf(field.name) >= 0, values[field.name]));
    });
    var error = el("div", { id: "form-error", "class": "error", role: "alert", hidden: "hidden" });
    form.appendChild(error);
    var back = el("button", { type: "button", "class": "secondary", id: "back-button" }, ["Back"]);
    back.addEventListener("click", function () {
      document.getElementById("title").textContent = "Connect your data";
      home();
    });
    var submit = el("button", { type: "submit", "class": "primary", id: "submit-source" }, [source ? "Save" : "Connect"]);
    form.appendChild(el("div", { "class": "actions" }, [back, submit]));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitForm(template, source, fields, required, form, error);
    });
    app.appendChild(form);
    var first = form.querySelector("input, select");
    if (first) {
      first.focus();
    }
  }

  function renderField(field, isRequired, value) {
    var spec = field.spec;
    var id = "field-" + field.name;
    var label = el("label", { "for": id }, [spec.title || field.name, isRequired ? el("span", { "class": "required", text: "*" }) : null]);
    var input;
    if (Array.isArray(spec["enum"])) {
      input = el("select", { id: id, name: field.name });
      spec["enum"].forEach(function (option) {
        input.appendChild(el("option", { value: String(option), text: String(option) }));
      });
      input.value = value !== undefined ? String(value) : (spec["default"] !== undefined ? String(spec["default"]) : String(spec["enum"][0]));
    } else if (spec.type === "boolean") {
      input = el("input", { id: id, name: field.name, type: "checkbox" });
      input.checked = value !== undefined ? value === true : spec["default"] === true;
    } else {
      var type = spec.airbyte_secret ? "password" : (spec.type === "integer" || spec.type === "number" ? "number" : "text");
      input = el("input", { id: id, name: field.name, type: type, autocomplete: "off" });
      if (spec.examples && spec.examples.length) {
        input.setAttribute("placeholder", String(spec.examples[0]));
      }
      var initial = value !== undefined ? value : spec["default"];
      if (initial !== undefined && initial !== null) {
        input.value = Array.isArray(initial) ? initial.join(", ") : String(initial);
      }
    }
    if (isRequired) {
      input.setAttribute("aria-required", "true");
    }
    return el("div", { "class": "field", "data-field": field.name }, [label, input,
      spec.description ? el("span", { "class": "help", text: spec.description }) : null]);
  }

  function collect(fields, form) {
    var config = {};
    fields.forEach(function (field) {
      var input = form.querySelector("[name=\"" + field.name + "\"]");
      var spec = field.spec;
      if (spec.type === "boolean") {
        config[field.name] = input.checked;
        return;
      }
      var raw = input.value.trim();
      if (raw === "") {
        return;
      }
      if (spec.type === "integer") {
        config[field.name] = /^-?\d+$/.test(raw) ? parseInt(raw, 10) : raw;
      } else if (spec.type === "number") {
        config[field.name] = isNaN(Number(raw)) ? raw : Number(raw);
      } else if (spec.type === "array") {
        config[field.name] = raw.split(",").map(function (item) {
          return item.trim();
        }).filter(function (item) {
          return item !== "";
        });
      } else {
        config[field.name] = raw;
      }
    });
    return config;
  }

  function submitForm(template, source, fields, required, form, errorBox) {
    var config = collect(fields, form);
    var missing = required.filter(function (name) {
      return config[name] === undefined || (Array.isArray(config[name]) && config[name].length === 0);
    });
    var verb = source ? "update" : "create";
    if (missing.length > 0) {
      errorBox.textContent = "Please fill in: " + missing.join(", ");
      errorBox.hidden = false;
      setState("form-incomplete");
      return;
    }
    errorBox.hidden = true;
    setState("checking");
    var check = source
        ? api("POST", "/api/v1/integrations/connectors/" + encodeURIComponent(source.id) + "/check", { replication_config: config })
        : api("POST", "/api/v1/integrations/connectors/check",
            { workspace_name: info.workspace_name, source_template_id: template.id, replication_config: config });
    check.then(function (result) {
      if (result.status === 401) {
        showTokenRejected(result);
        return null;
      }
      if (result.status !== 200 || result.json.status !== "succeeded") {
        var message = result.status === 200 ? result.json.error_message : describeFailure(result);
        errorBox.textContent = message;
        errorBox.hidden = false;
        errorBox.scrollIntoView({ block: "nearest" });
        setState("check-failed");
        sendEvent(verb + "_error", { error: new Error(message) });
        return null;
      }
      return source
          ? api("PUT", "/api/v1/integrations/connectors/" + encodeURIComponent(source.id), { replication_config: config })
          : api("POST", "/api/v1/integrations/connectors",
              { workspace_name: info.workspace_name, source_template_id: template.id, replication_config: config });
    }).then(function (result) {
      if (!result) {
        return;
      }
      if (result.status !== 200) {
        var message = describeFailure(result);
        errorBox.textContent = message;
        errorBox.hidden = false;
        errorBox.scrollIntoView({ block: "nearest" });
        setState("check-failed");
        sendEvent(verb + "_error", { error: new Error(message) });
        return;
      }
      var saved = result.json;
      clear();
      setState(source ? "source-updated" : "source-created");
      body.setAttribute("data-source-id", saved.id);
      app.appendChild(el("div", { id: "widget-success", "class": "success", role: "status", "data-source-id": saved.id }, [
        el("strong", { text: source ? "Saved " + saved.name : "Connected " + template.name }),
        el("p", { text: "Source " + saved.id })
      ]));
      sendEvent(source ? "updated" : "created", { data: saved });
      post("CLOSE_DIALOG");
    });
  }

  document.getElementById("close-button").addEventListener("click", function () {
    if (allowedOrigin) {
      try {
        post("CLOSE_DIALOG");
      } catch (e) {
        // an invalid allowedOrigin is already shown as an error
      }
    }
  });

  start();
})();
