package dev.explorer.agent.download;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.SocketFactory;
import okhttp3.HttpUrl;

/**
 * Refuses connections to addresses inside the user's own network (SSRF): loopback, private,
 * link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, unspecified, and IPv6 forms
 * that embed one of these. An engine names the hosts we fetch from, so a hostile or careless
 * engine could otherwise make us read a service that only this machine can reach.
 *
 * <p>The check sits in the socket's {@code connect}: it sees the address actually dialled, after
 * DNS, for the first hop and every redirect, IP literals included (OkHttp 5 does not ask its
 * {@code Dns} for IP-literal hosts), and a DNS rebind between check and connect cannot slip past
 * it. The configured endpoint of the pool engine is trusted at its exact address and port.
 */
public final class AddressGuard {
    private final Set<InetSocketAddress> trusted;
    private final boolean allowPrivate;

    private AddressGuard(Set<InetSocketAddress> trusted, boolean allowPrivate) {
        this.trusted = Set.copyOf(trusted);
        this.allowPrivate = allowPrivate;
    }

    /** A guard that allows every address (download.allowPrivateAddresses=true). */
    public static AddressGuard allowAll() {
        return new AddressGuard(Set.of(), true);
    }

    /**
     * A guard that refuses non-public addresses except the given endpoints (host and port of each
     * URL, every address its host resolves to now).
     */
    public static AddressGuard trusting(List<String> endpoints) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String e : endpoints) {
            HttpUrl u = e == null ? null : HttpUrl.parse(e);
            if (u == null) {
                continue;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(u.host())) {
                    out.add(new InetSocketAddress(a, u.port()));
                }
            } catch (UnknownHostException ignored) {
                // an endpoint that does not resolve is never dialled, so there is nothing to trust
            }
        }
        return new AddressGuard(Set.copyOf(out), false);
    }

    /** Why connecting to {@code address} is refused, or null when it is allowed. */
    public String refusal(InetSocketAddress address) {
        if (allowPrivate || address.getAddress() == null || trusted.contains(address)) {
            return null;
        }
        String why = nonPublic(address.getAddress());
        return why == null ? null : address.getAddress().getHostAddress() + " is " + why
                + "; only public addresses are fetched (set download.allowPrivateAddresses=true to allow it)";
    }

    /** What kind of non-public address this is, or null for a public one. */
    public static String nonPublic(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return nonPublicV4(b);
        }
        if (a instanceof Inet6Address) {
            int b0 = b[0] & 0xff;
            if ((b0 & 0xfe) == 0xfc) {
                return "unique-local (fc00::/7)"; // Java's isSiteLocalAddress only checks fec0::/10
            }
            if (b0 == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "site-local (fec0::/10)";
            }
            // forms that carry an IPv4 address: mapped ::ffff:a.b.c.d (Java usually hands these
            // over as Inet4Address), compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16
            boolean zero80 = true;
            for (int i = 0; i < 10; i++) {
                zero80 &= b[i] == 0;
            }
            if (zero80 && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                return embedded(b, 12);
            }
            if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
                return embedded(b, 12);
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return embedded(b, 2);
            }
        }
        return null;
    }

    private static String embedded(byte[] b, int at) {
        String why = nonPublicV4(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
        return why == null ? null : why + " (embedded in an IPv6 address)";
    }

    private static String nonPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return "unspecified (0.0.0.0/8)";
        }
        if (a0 == 127) {
            return "loopback";
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return "private (RFC 1918)";
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return "shared/CGNAT (100.64.0.0/10)";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local (cloud metadata lives here)";
        }
        if (a0 >= 224) {
            return a0 < 240 ? "multicast" : "reserved or broadcast (240.0.0.0/4)";
        }
        return null;
    }

    /** The refusal somewhere in {@code e}'s causes (OkHttp may wrap or attach it), or null. */
    public static RefusedAddressException refusedIn(Throwable e) {
        for (int depth = 0; e != null && depth < 8; depth++, e = e.getCause()) {
            if (e instanceof RefusedAddressException r) {
                return r;
            }
            for (Throwable s : e.getSuppressed()) {
                if (s instanceof RefusedAddressException r) {
                    return r;
                }
            }
        }
        return null;
    }

    /** A socket factory whose sockets refuse to connect where this guard says no. */
    public SocketFactory socketFactory() {
        return new GuardedSocketFactory(this);
    }

    /** Thrown by a guarded socket's connect; the downloader counts it as {@code private-address}. */
    public static final class RefusedAddressException extends IOException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    private static final class GuardedSocketFactory extends SocketFactory {
        private final AddressGuard guard;

        GuardedSocketFactory(AddressGuard guard) {
            this.guard = guard;
        }

        // OkHttp creates unconnected sockets and calls connect(SocketAddress, int) itself
        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    if (endpoint instanceof InetSocketAddress isa) {
                        String why = guard.refusal(isa);
                        if (why != null) {
                            close();
                            throw new RefusedAddressException(why);
                        }
                    }
                    super.connect(endpoint, timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port));
        }

        private Socket connected(InetSocketAddress to) throws IOException {
            Socket s = createSocket();
            s.connect(to, 0);
            return s;
        }
    }
}
