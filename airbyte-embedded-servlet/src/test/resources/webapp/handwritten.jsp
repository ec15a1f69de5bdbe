<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ page import="io.github.airbyteembedded.servlet.AirbyteEmbedded" %>
<%@ taglib prefix="airbyte" uri="urn:io.github.airbyteembedded:taglib" %>
<%-- A page that writes the bootstrap's tag itself, with the token path of the request's tokenPath parameter. --%>
<% AirbyteEmbedded airbyte = (AirbyteEmbedded) application.getAttribute(AirbyteEmbedded.SERVLET_CONTEXT_ATTRIBUTE); %>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="_csrf" content="csrf-token-value">
<meta name="_csrf_header" content="X-CSRF-TOKEN">
<title>Bootstrap (hand-written tag)</title>
<airbyte:widget-script bootstrap="false"/>
<script src="${pageContext.request.contextPath}<%= airbyte.bootstrapScriptPath() %>" integrity="<%= airbyte.bootstrapScriptIntegrity() %>"
  crossorigin="anonymous" nonce="<airbyte:csp-nonce/>" defer data-airbyte-token-path="${param.tokenPath}"></script>
<script src="${pageContext.request.contextPath}/page.js" nonce="<airbyte:csp-nonce/>" defer></script>
</head>
<body>
<airbyte:connect-button id="connect" data-airbyte-message-target="status" label="Connect"/>
<p id="status" role="status"></p>
<ul id="events"></ul>
</body>
</html>
