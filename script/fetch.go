package script

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// ErrNetwork wraps every refusal of the fetcher: network disabled, host not
// allowed, or an address in a private, loopback or link-local range.
var ErrNetwork = errors.New("network access refused")

// DefaultMaxFetchBytes bounds one response body when Options.MaxFetchBytes is 0.
const DefaultMaxFetchBytes = 32 << 20

// fetcher is the one way a script reaches the network (Image.src, loadFontFace
// and getImageInfo with https URLs). Hosts must be on the allow list, and the
// address a name resolves to is checked at connect time, so neither a private
// address in DNS nor a redirect nor DNS rebinding gets past it.
type fetcher struct {
	hosts        []string // lower case; "*.example.com" matches subdomains; "*" any public host
	allowPrivate bool
	maxBytes     int64
	client       *http.Client
}

func newFetcher(opts Options) *fetcher {
	f := &fetcher{allowPrivate: opts.AllowPrivateNet, maxBytes: opts.MaxFetchBytes}
	if f.maxBytes <= 0 {
		f.maxBytes = DefaultMaxFetchBytes
	}
	for _, h := range opts.AllowNet {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			f.hosts = append(f.hosts, strings.Trim(h, "[]"))
		}
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	tr := &http.Transport{
		Proxy:                 nil, // environment proxies would bypass the address checks
		DialContext:           f.dialContext(dialer),
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		MaxIdleConns:          2,
		IdleConnTimeout:       5 * time.Second,
	}
	f.client = &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return fmt.Errorf("%w: too many redirects", ErrNetwork)
			}
			return f.checkURL(req.URL)
		},
	}
	return f
}

// hostAllowed reports whether host is on the allow list, and whether it was
// named as an IP literal (which may then be private: naming it is the explicit
// permission).
func (f *fetcher) hostAllowed(host string) (ok, literal bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, h := range f.hosts {
		switch {
		case h == "*":
			ok = true
		case h == host:
			_, err := netip.ParseAddr(h)
			return true, err == nil
		case strings.HasPrefix(h, "*.") && strings.HasSuffix(host, h[1:]):
			ok = true
		}
	}
	return ok, false
}

func (f *fetcher) checkURL(u *url.URL) error {
	if u.Scheme != "https" && u.Scheme != "http" {
		return fmt.Errorf("%w: scheme %q", ErrNetwork, u.Scheme)
	}
	if len(f.hosts) == 0 {
		return fmt.Errorf("%w: network access is disabled (allow hosts with -allow-net)", ErrNetwork)
	}
	if u.User != nil {
		return fmt.Errorf("%w: credentials in URLs", ErrNetwork)
	}
	if ok, _ := f.hostAllowed(u.Hostname()); !ok {
		return fmt.Errorf("%w: host %s is not in the allowed hosts", ErrNetwork, clip(u.Hostname()))
	}
	return nil
}

// publicAddr reports whether a is an address a script may reach without
// explicit permission.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range blockedPrefixes {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// blockedPrefixes are special-purpose ranges the netip predicates do not cover.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach any IPv4 address
	netip.MustParsePrefix("2002::/16"),    // 6to4 likewise
}

// dialContext resolves the host itself and dials only checked addresses.
func (f *fetcher) dialContext(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		allowed, literal := f.hostAllowed(host)
		if !allowed {
			return nil, fmt.Errorf("%w: host %s is not in the allowed hosts", ErrNetwork, clip(host))
		}
		var addrs []netip.Addr
		if a, err := netip.ParseAddr(host); err == nil {
			addrs = []netip.Addr{a}
		} else {
			ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
			if err != nil {
				return nil, err
			}
			addrs = ips
		}
		var lastErr error = fmt.Errorf("%w: %s has no address", ErrNetwork, host)
		for _, a := range addrs {
			if !publicAddr(a) && !literal && !f.allowPrivate {
				lastErr = fmt.Errorf("%w: %s resolves to %s, a private, loopback or link-local address", ErrNetwork, clip(host), a)
				continue
			}
			c, err := d.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
			if err == nil {
				return c, nil
			}
			lastErr = err
		}
		return nil, lastErr
	}
}

// get fetches rawURL and returns the body, at most maxBytes of it.
func (f *fetcher) get(ctx context.Context, rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNetwork, err)
	}
	if err := f.checkURL(u); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP status %d", resp.StatusCode)
	}
	if resp.ContentLength > f.maxBytes {
		return nil, fmt.Errorf("%w: response of %d bytes (limit %d)", errFileTooLarge, resp.ContentLength, f.maxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > f.maxBytes {
		return nil, fmt.Errorf("%w: response over %d bytes", errFileTooLarge, f.maxBytes)
	}
	return data, nil
}

// isURL reports whether p names a network resource.
func isURL(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}
