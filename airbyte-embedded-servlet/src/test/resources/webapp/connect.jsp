<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="airbyte" uri="urn:io.github.airbyteembedded:taglib" %>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Connect (JSP)</title>
<airbyte:widget-script/>
<script src="${pageContext.request.contextPath}/page.js" nonce="<airbyte:csp-nonce/>" defer></script>
</head>
<body>
<h1>Your data</h1>
<airbyte:connect-button id="connect" class="${param.buttonClass}" data-airbyte-message-target="status">Connect <em>your</em> data</airbyte:connect-button>
<p id="status" role="status"></p>
<ul id="events"></ul>
</body>
</html>
