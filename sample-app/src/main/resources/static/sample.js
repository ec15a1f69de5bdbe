// Minimal page: calls the token route and shows what the widget would receive.
document.getElementById("connect").addEventListener("click", async () => {
  const result = document.getElementById("result");
  const response = await fetch("/api/airbyte/widget-token", {
    method: "POST",
    credentials: "same-origin",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({userId: "someone-else"})
  });
  const body = await response.json();
  if (!response.ok) {
    result.textContent = response.status + " " + body.error + ": " + body.message;
    return;
  }
  const decoded = JSON.parse(atob(body.token));
  result.textContent = "Widget token expires at " + body.expiresAt + "\nwidgetUrl: " + decoded.widgetUrl;
});
