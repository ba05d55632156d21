// Repo URLs may carry credentials (https://user:token@host/...). Anything written down — state file,
// logs, events — gets the URL without them.

// Greedy to the last "@" before the path, as URL parsers read it: an unencoded "@" in a password
// ("https://u:p@ss@host") must not leave "ss" behind.
const WITH_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;

/**
 * The URL without credentials. For http(s) the whole userinfo goes (a token is often passed as the
 * user name); for other schemes (ssh://git@host) the user name stays and only a password goes.
 * scp-like ("git@host:org/repo") and local paths carry no secret and are returned unchanged.
 */
export function stripUrlCredentials(url: string): string {
  const m = WITH_USERINFO.exec(url);
  if (!m) return url;
  const scheme = m[1] ?? "";
  const userinfo = m[2] ?? "";
  const rest = url.slice(m[0].length);
  if (/^https?:\/\/$/i.test(scheme)) return scheme + rest;
  const user = userinfo.split(":")[0] ?? "";
  return user === "" ? scheme + rest : `${scheme}${user}@${rest}`;
}
