// GET / answers 4 KB of HTML from memory: the ceiling any page served on this machine can be compared with.
// Usage: dotnet BareKestrel.dll [port=5199]
using System.Text;

var port = args.Length > 0 ? int.Parse(args[0]) : 5199;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();

var body = Encoding.UTF8.GetBytes(("<!doctype html><html lang=\"en\"><title>4 KB</title><p>" + new string('x', 4096)).Substring(0, 4096 - 5) + "</p>\n"); // exactly 4096 bytes
app.MapGet("/", () => Results.Bytes(body, "text/html; charset=utf-8"));
app.Run();
