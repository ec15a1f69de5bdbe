<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="airbyte" uri="urn:io.github.airbyteembedded:taglib" %>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="_csrf" content="csrf-token-value">
<meta name="_csrf_header" content="X-CSRF-TOKEN">
<title>Bootstrap (clobbered)</title>
<airbyte:widget-script/>
<script src="${pageContext.request.contextPath}/page.js" nonce="<airbyte:csp-nonce/>" defer></script>
</head>
<body>
<airbyte:connect-button id="connect" data-airbyte-message-target="status" label="Connect"/>
<p id="status" role="status"></p>
<airbyte:connect-button id="custom" data-airbyte-message-rate-limited="Slow down, please." label="Custom"/>
<%-- Injected markup that names itself after document.currentScript, with a path of its own, and after the
     bootstrap's guard against running twice (DOM clobbering). --%>
<a id="__airbyteEmbeddedBootstrap"></a>
<img name="currentScript" data-airbyte-token-path="${pageContext.request.contextPath}/forbidden" data-airbyte-source-events-path="${pageContext.request.contextPath}/forbidden" alt="">
<ul id="events"></ul>
</body>
</html>
