using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("localization");
builder.AddPlatformEventStore("localization", _ => { });
builder.AddPlatformMessaging("localization");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
