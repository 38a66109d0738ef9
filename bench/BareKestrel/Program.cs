// GET / answers a body from memory: the ceiling any page or API answer served on this machine can be compared with.
// Without a file, 4 KB of HTML; with one, that file's bytes (./platform bench gives it a cached article's JSON, so the
// reference carries the same body as the figure).
// Usage: dotnet BareKestrel.dll [port=5199] [body-file] [content-type=application/json; charset=utf-8]
using System.Text;

var port = args.Length > 0 ? int.Parse(args[0]) : 5199;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();

var (body, contentType) = args.Length > 1
    ? (File.ReadAllBytes(args[1]), args.Length > 2 ? args[2] : "application/json; charset=utf-8")
    : (Encoding.UTF8.GetBytes(("<!doctype html><html lang=\"en\"><title>4 KB</title><p>" + new string('x', 4096)).Substring(0, 4096 - 5) + "</p>\n"), // exactly 4096 bytes
        "text/html; charset=utf-8");
app.MapGet("/", () => Results.Bytes(body, contentType));
app.Run();
