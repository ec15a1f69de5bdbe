<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="true" trimDirectiveWhitespaces="true" %>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Sign in</title>
<link rel="stylesheet" href="${pageContext.request.contextPath}/app.css">
</head>
<body>
<main>
<h1>Sign in</h1>
<% if (request.getParameter("error") != null) { %><p id="login-error" role="alert">Wrong user name or password.</p><% } %>
<form method="post" action="j_security_check">
<label>User <input name="j_username" autocomplete="username" required></label>
<label>Password <input name="j_password" type="password" autocomplete="current-password" required></label>
<button type="submit" id="sign-in">Sign in</button>
</form>
<p class="hint">alice or bob, password <code>password</code> (the container's own user store)</p>
</main>
</body>
</html>
