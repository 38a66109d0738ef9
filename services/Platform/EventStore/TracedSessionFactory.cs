using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Platform.EventStore;

/// <summary>
/// Opens lightweight sessions that stamp every appended event with where it came from: the trace
/// (correlation id and the W3C <c>traceparent</c> header, which the relay continues on RabbitMQ)
/// and the actor of the HTTP request, so the history can say who did what.
/// </summary>
public sealed class TracedSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";
    public const string ActorHeader = "actor";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        Stamp(session, Activity.Current, http.HttpContext?.User.Identity?.IsAuthenticated == true
            ? http.HttpContext.User.ActorName()
            : null);
        return session;
    }

    public static void Stamp(IDocumentSession session, Activity? activity, string? actor)
    {
        if (activity is not null)
        {
            session.CorrelationId = activity.TraceId.ToString();
            session.SetHeader(TraceParentHeader, activity.Id!);
            if (!string.IsNullOrEmpty(activity.TraceStateString))
            {
                session.SetHeader(TraceStateHeader, activity.TraceStateString);
            }
        }

        if (actor is not null)
        {
            session.SetHeader(ActorHeader, actor);
        }
    }
}
