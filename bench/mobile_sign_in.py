"""The mobile app's sign-in for bench/bff-mobile.sh: code + PKCE (S256) as mobile-app through
identity's real form, on plain http.client (no redirects followed, cookies kept by hand: identity's
cookies are Secure and a cookie jar would not send them over loopback http). Prints the access token.
Usage: mobile_sign_in.py <identity url> <email> <password>"""
import base64, hashlib, html, http.client, json, re, secrets, sys, urllib.parse

identity, email, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
host = urllib.parse.urlsplit(identity)
cookies = {}
REDIRECT = "com.bffplatform.mobile:/callback"

def send(method, path, body=None):
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    if body is not None:
        body = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body, headers)
    response = conn.getresponse()
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            cookies[key.strip()] = val.strip()
    data = response.read().decode()
    return response.status, response.getheader("Location"), data

def local(location):
    parts = urllib.parse.urlsplit(location)
    return parts.path + ("?" + parts.query if parts.query else "")

verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
query = urllib.parse.urlencode({
    "client_id": "mobile-app", "response_type": "code", "redirect_uri": REDIRECT, "state": "bench",
    "scope": "openid profile email offline_access core-api catalog.read orders.read orders.write",
    "code_challenge": challenge, "code_challenge_method": "S256",
})
status, location, _ = send("GET", "/connect/authorize?" + query)
status, _, page = send("GET", local(location))
fields = {n: html.unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}
fields.update(Email=email, Password=password)
status, location, body = send("POST", "/account/login", fields)
if status != 302:
    sys.exit(f"sign-in answered {status}: {body[:300]}")
status, location, body = send("GET", local(location))
if not location or not location.startswith(REDIRECT):
    sys.exit(f"no code ({status} {location}): {body[:300]}")
code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
status, _, body = send("POST", "/connect/token", {
    "grant_type": "authorization_code", "client_id": "mobile-app", "code": code,
    "redirect_uri": REDIRECT, "code_verifier": verifier,
})
if status != 200:
    sys.exit(f"token endpoint answered {status}: {body[:300]}")
print(json.loads(body)["access_token"])
