using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("advertising");
builder.AddPlatformEventStore("advertising", _ => { });
builder.AddPlatformMessaging("advertising");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
