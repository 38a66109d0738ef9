using NewsPlatform.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();
