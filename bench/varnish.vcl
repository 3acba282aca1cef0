vcl 4.1;
# A shared cache in front of Gazette for `npm run bench:cdn`. Stock Varnish behaviour does the
# work: s-maxage sets the TTL, stale-while-revalidate the grace (served stale while one
# background fetch revalidates), and an expired object with an ETag is revalidated with a
# conditional request (If-None-Match), so an unchanged resource costs the origin a 304.

backend origin {
  .host = "127.0.0.1";
  .port = "ORIGIN_PORT";
}

sub vcl_recv {
  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  # Public content: no cookies or credentials take part in the answer.
  unset req.http.Cookie;
  unset req.http.Authorization;
  return (hash);
}

sub vcl_backend_response {
  # Keep expired objects so Varnish can revalidate them conditionally instead of refetching.
  set beresp.keep = 1h;
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}
