using System.Security.Claims;
using Marten;
using NewsPlatform.Comments.Domain;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Comments.Privacy;

public sealed record ErasureRequest(string? Email);

/// <summary>What an erasure did: how many comments it erased and how many of that person's flags it masked.</summary>
public sealed record ErasureDone(Guid ErasureId, int Comments, int Flags);

/// <summary>
/// <c>POST /api/comments/erasure {email}</c> (admin): the person's name, e-mail, website, IP and comment bodies leave
/// every event (Marten's event data masking, in place) and every projection (<see cref="CommentErased"/>), their
/// comments leave the threads and the counts follow (docs/decisions/0007). 202 whether or not the address ever
/// commented, and again when asked again: the request is idempotent.
/// </summary>
public static class EraseCommenterEndpoint
{
    public const string ErasureHeader = "erasure";

    public static async Task<IResult> Handle(ErasureRequest? request, ClaimsPrincipal user, IDocumentStore store,
        ISessionFactory sessions, TimeProvider clock, CancellationToken ct)
    {
        if (PersonalData.NormaliseEmail(request?.Email) is not { } email)
        {
            return Problems.Validation("email", "email must be an e-mail address.");
        }

        var erasureId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var by = user.ActorName();

        // Found through the projection's e-mail column, which this erasure itself empties: nothing is kept that
        // names the person once it is done, so a second request finds nothing and is a no-op.
        IReadOnlyList<Comment> theirs;
        IReadOnlyList<Guid> flaggedByThem;
        EmailBan? ban;
        var banId = EmailBan.StreamIdFor(email);
        await using (var query = sessions.QuerySession())
        {
            theirs = await query.Query<Comment>().Where(c => c.AuthorEmail == email).ToListAsync(ct);
            ban = await query.LoadAsync<EmailBan>(banId, ct);
            // Flags are anonymous but for the flagger's IP: the flags sent from this person's IPs are theirs too.
            var ips = TheirIps(theirs);
            flaggedByThem = ips.Length == 0
                ? []
                : (await query.Events.QueryRawEventDataOnly<CommentFlagged>().Where(f => f.Ip.IsOneOf(ips)).ToListAsync(ct))
                    .Select(f => f.CommentId).Where(id => theirs.All(c => c.Id != id)).Distinct().ToList();
        }

        var ipSet = TheirIps(theirs).ToHashSet();
        var banNamesThem = ban is not null && ban.Email != PersonalData.Erased;

        // First the events, then the projections: if this stops half-way, the projections still name the person,
        // so asking again finds the same comments and finishes the work.
        if (theirs.Count > 0 || flaggedByThem.Count > 0 || banNamesThem)
        {
            await store.Advanced.ApplyEventDataMasking(masking =>
            {
                foreach (var comment in theirs) masking.IncludeStream(comment.Id);
                foreach (var commentId in flaggedByThem)
                {
                    masking.IncludeStream(commentId, e => e.Data is CommentFlagged f && ipSet.Contains(f.Ip));
                }

                if (banNamesThem) masking.IncludeStream(banId);
                masking.AddHeader(ErasureHeader, erasureId.ToString());
            }, ct);
        }

        foreach (var comment in theirs)
        {
            await CommentWrites.ChangeAsync(sessions, comment.Id,
                c => CommentDecider.Decide(c, new EraseComment(comment.Id, by, now)), _ => TypedResults.Ok(), ct);
        }

        foreach (var commentId in flaggedByThem)
        {
            await CommentWrites.ChangeAsync(sessions, commentId,
                c => c.FlaggingIps.Any(ipSet.Contains) ? CommentDecider.Decide(c, new MaskCommentIps(commentId, PosterIp: false, now)) : Decision.Nothing,
                _ => TypedResults.Ok(), ct);
        }

        await using (var session = sessions.OpenSession())
        {
            if (banNamesThem)
            {
                var stream = await session.Events.FetchForWriting<EmailBan>(banId, ct);
                stream.AppendOne(new BannedEmailErased(now));
            }

            // The audit of the request: that an erasure happened, by whom, and how much it erased; never whose.
            session.Events.StartStream(erasureId, new CommenterErased(erasureId, theirs.Count, flaggedByThem.Count, ban is not null, by, now));
            await session.SaveChangesAsync(ct);
        }

        return TypedResults.Accepted((string?)null, new ErasureDone(erasureId, theirs.Count, flaggedByThem.Count));
    }

    private static string[] TheirIps(IEnumerable<Comment> comments) =>
        [.. comments.Select(c => c.Ip).Where(ip => ip != PersonalData.MaskedIp && ip != "unknown").Distinct()];
}
