<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%-- tag::widget[] --%>
<%@ taglib prefix="airbyte" uri="urn:io.github.airbyteembedded:taglib" %>
<%-- end::widget[] --%>
<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core" %>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Your data sources</title>
<link rel="stylesheet" href="${pageContext.request.contextPath}/app.css">
<%-- tag::widget[] --%>
<airbyte:widget-script/>
<script src="${pageContext.request.contextPath}/app.js" nonce="<airbyte:csp-nonce/>" defer></script>
<%-- end::widget[] --%>
</head>
<body>
<header>Signed in as <strong id="user"><c:out value="${pageContext.request.userPrincipal.name}"/></strong></header>
<main>
<h1>Your data sources</h1>
<%-- tag::widget[] --%>
<airbyte:connect-button id="connect" data-airbyte-message-target="status">Connect a data source</airbyte:connect-button>
<%-- end::widget[] --%>
<p id="status" role="status"></p>
<c:choose>
<c:when test="${empty sources}"><p id="no-sources">No data source connected yet.</p></c:when>
<c:otherwise>
<ul id="sources">
<c:forEach var="source" items="${sources}">
<li data-source-id="<c:out value="${source.id()}"/>">
<span class="name"><c:out value="${source.name()}"/></span> <span class="connector"><c:out value="${source.connector()}"/></span>
<form method="post" action="${pageContext.request.contextPath}/sources">
<input type="hidden" name="id" value="<c:out value="${source.id()}"/>">
<input type="hidden" name="csrf" value="<c:out value="${csrf}"/>">
<button type="submit" class="disconnect">Disconnect</button>
</form>
</li>
</c:forEach>
</ul>
</c:otherwise>
</c:choose>
</main>
</body>
</html>
