using NewsPlatform.Newsroom.Console;

namespace NewsPlatform.UnitTests.Newsroom;

/// <summary>The browser goes to the issuer's address even when the console read the discovery document elsewhere.</summary>
public sealed class SignInRedirectTests
{
    [Theory]
    // compose: discovery read from the identity container, the browser sent to the public address
    [InlineData("http://identity:8080/identity/connect/authorize", "http://localhost:8080/identity/", "http://localhost:8080/identity/connect/authorize")]
    // ./platform up and production: already the issuer's address
    [InlineData("https://news.example.mu/identity/connect/logout", "https://news.example.mu/identity/", "https://news.example.mu/identity/connect/logout")]
    [InlineData("http://127.0.0.1:5106/identity/connect/authorize?x=1", "https://news.example.mu/identity/", "https://news.example.mu/identity/connect/authorize?x=1")]
    public void The_endpoint_keeps_its_path_on_the_issuers_origin(string discovered, string issuer, string expected) =>
        Assert.Equal(expected, NewsroomAuth.OnIssuersOrigin(discovered, issuer));

    [Fact]
    public void An_endpoint_that_is_not_an_absolute_address_is_left_as_it_is() =>
        Assert.Equal("connect/authorize", NewsroomAuth.OnIssuersOrigin("connect/authorize", "http://localhost:8080/identity/"));
}
