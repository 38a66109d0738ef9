using JasperFx.Events.Projections;
using NewsPlatform.Comments.Reading;
using NewsPlatform.Comments.Threads;
using NewsPlatform.Platform;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("comments");
builder.AddPlatformEventStore("comments", options =>
{
    options.Projections.Add<CommentThreadProjection>(ProjectionLifecycle.Inline);
});
builder.AddPlatformMessaging("comments", bus => bus.AddConsumer<ArticlePublishedConsumer>());
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/api/articles/{articleId:guid}/comments", GetCommentsEndpoint.Handle);
app.Run();
