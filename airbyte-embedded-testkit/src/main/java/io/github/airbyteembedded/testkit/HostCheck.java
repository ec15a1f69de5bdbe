package io.github.airbyteembedded.testkit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Answers only requests addressed to a loopback name or address, against DNS rebinding: a page of
 * another site whose name the attacker made resolve to 127.0.0.1 reaches the emulator with that name in
 * {@code Host}, and is refused with 421 before anything is counted, faulted or routed. {@code Host} may
 * be {@code localhost} or a loopback address ({@code 127.0.0.1}, {@code [::1]}...), with or without a
 * port. An emulator bound to another address (for other machines) also answers address literals: a
 * literal cannot be rebound; a name other than {@code localhost} still can.
 */
final class HostCheck extends Filter {

    private static final Logger LOG = System.getLogger(AirbyteEmulator.class.getName());
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final String MESSAGE = "This emulator answers only requests addressed to a loopback host "
            + "(localhost, 127.0.0.1 or [::1], with any port): the Host header names another host (DNS rebinding protection)";

    private final boolean anyAddressLiteral;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** @param bindAddress the address the emulator listens on; literals are answered when it is not loopback */
    HostCheck(InetAddress bindAddress) {
        this.anyAddressLiteral = !bindAddress.isLoopbackAddress();
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (allows(host, anyAddressLiteral)) {
            chain.doFilter(exchange);
            return;
        }
        if (warned.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Refused a request whose Host is not a loopback host (DNS rebinding protection); "
                    + "address the emulator as localhost, 127.0.0.1 or [::1]. Later refusals are logged at DEBUG.");
        } else {
            LOG.log(Level.DEBUG, "Refused a request whose Host is not a loopback host");
        }
        try (exchange) {
            exchange.getRequestBody().close();
            Dispatcher.write(exchange, Errors.api(421, MESSAGE));
        }
    }

    @Override
    public String description() {
        return "answers only loopback Host headers";
    }

    /**
     * Whether a {@code Host} header names a host the emulator answers.
     *
     * @param host the header's value, null when absent
     * @param anyAddressLiteral whether any address literal is answered too (not only loopback ones)
     * @return true for {@code localhost} or a loopback address literal, with an optional port; and any
     *     address literal when asked to
     */
    static boolean allows(String host, boolean anyAddressLiteral) {
        if (host == null) {
            return false;
        }
        String name;
        String rest;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return false;
            }
            name = host.substring(1, close);
            rest = host.substring(close + 1);
            if (!IPV6.matcher(name).matches() || !name.contains(":")) {
                return false;
            }
        } else {
            int colon = host.indexOf(':');
            name = colon < 0 ? host : host.substring(0, colon);
            rest = colon < 0 ? "" : host.substring(colon);
            if (name.equalsIgnoreCase("localhost")) {
                return validPort(rest);
            }
            if (!IPV4.matcher(name).matches()) {
                return false;
            }
        }
        if (!validPort(rest)) {
            return false;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(name); // a literal: parsed, never resolved
        } catch (UnknownHostException e) {
            return false;
        }
        return anyAddressLiteral || address.isLoopbackAddress();
    }

    private static boolean validPort(String rest) {
        return rest.isEmpty() || rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches();
    }

    @Override
    public String toString() {
        return "HostCheck{" + (anyAddressLiteral ? "loopback and address literals" : "loopback") + "}";
    }
}
