using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.UnitTests.Platform;

public sealed class IdempotencyScopeTests
{
    private sealed record Input(string Body, int Number);

    private static HttpRequest Request(string? key, string ip = "203.0.113.5")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        if (key is not null) context.Request.Headers[Idempotency.Header] = key;
        return context.Request;
    }

    private static ClaimsPrincipal Guest => new(new ClaimsIdentity());

    private static ClaimsPrincipal SignedIn(string sub, string? advertiser = null)
    {
        var claims = new List<Claim> { new("sub", sub) };
        if (advertiser is not null) claims.Add(new Claim(Idempotency.AdvertiserClaim, advertiser));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Fact]
    public void No_header_is_no_key_and_no_problem()
    {
        Assert.Null(Idempotency.KeyFor(Request(null), Guest, "comments", new Input("a", 1), out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Guests_at_two_addresses_never_share_a_key()
    {
        var first = Idempotency.KeyFor(Request("k", "203.0.113.5"), Guest, "comments", new Input("a", 1), out _)!;
        var second = Idempotency.KeyFor(Request("k", "203.0.113.6"), Guest, "comments", new Input("a", 1), out _)!;
        Assert.NotEqual(first.Id, second.Id);
        Assert.DoesNotContain("anonymous", first.Id);
    }

    [Fact]
    public void Signed_in_callers_are_scoped_by_subject_and_advertiser_not_by_address()
    {
        var here = Idempotency.KeyFor(Request("k", "203.0.113.5"), SignedIn("ed"), "articles", out _)!;
        var there = Idempotency.KeyFor(Request("k", "198.51.100.1"), SignedIn("ed"), "articles", out _)!;
        Assert.Equal(here.Id, there.Id);
        var one = Idempotency.KeyFor(Request("k"), SignedIn("dev", "a1"), "campaigns", out _)!;
        var other = Idempotency.KeyFor(Request("k"), SignedIn("dev", "a2"), "campaigns", out _)!;
        Assert.NotEqual(one.Id, other.Id);
    }

    [Fact]
    public void The_fingerprint_follows_the_body_and_only_the_body()
    {
        var a = Idempotency.KeyFor(Request("k"), Guest, "comments", new Input("a", 1), out _)!;
        var again = Idempotency.KeyFor(Request("k"), Guest, "comments", new Input("a", 1), out _)!;
        var other = Idempotency.KeyFor(Request("k"), Guest, "comments", new Input("a", 2), out _)!;
        Assert.Equal(a, again);
        Assert.Equal(a.Id, other.Id);
        Assert.NotEqual(a.Fingerprint, other.Fingerprint);
    }

    [Theory]
    [InlineData("bad\u0001key")]
    [InlineData(null)]
    public void An_unusable_key_is_a_validation_problem(string? key)
    {
        var value = key ?? new string('k', Idempotency.MaxKeyLength + 1);
        Assert.Null(Idempotency.KeyFor(Request(value), Guest, "comments", out var problem));
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsAssignableFrom<IStatusCodeHttpResult>(problem).StatusCode);
    }
}
