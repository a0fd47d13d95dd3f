using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Api.Tests;

// Error messages in Japanese or English as the caller asks: the
// accept-language metadata (gRPC) or Accept-Language header (REST) chooses, the deployment's
// default decides otherwise, and a BadRequest's field names stay the proto's.
[Collection(ApiSystemCollection.Name)]
public sealed class ErrorLanguageTests(ApiSystemFixture system)
{
    [Theory]
    [InlineData(null, ErrorLanguage.English, ErrorLanguage.English)]
    [InlineData(null, ErrorLanguage.Japanese, ErrorLanguage.Japanese)]
    [InlineData("ja", ErrorLanguage.English, ErrorLanguage.Japanese)]
    [InlineData("ja-JP,en;q=0.5", ErrorLanguage.English, ErrorLanguage.Japanese)]
    [InlineData("en-US,en;q=0.9,ja;q=0.8", ErrorLanguage.Japanese, ErrorLanguage.English)]
    [InlineData("fr-FR,ja;q=0.3", ErrorLanguage.English, ErrorLanguage.Japanese)]
    [InlineData("fr-FR", ErrorLanguage.Japanese, ErrorLanguage.Japanese)]
    [InlineData("*", ErrorLanguage.English, ErrorLanguage.English)]
    [InlineData("ja;q=0, en", ErrorLanguage.Japanese, ErrorLanguage.English)]
    public void TheCallersMostPreferredLanguageKyodoSpeaksWinsElseTheDeploymentsDefault(string? header, ErrorLanguage fallback,
        ErrorLanguage expected) =>
        Assert.Equal(expected, new ErrorLanguages(fallback).Negotiate(header));

    [Theory]
    [InlineData(null, ErrorLanguage.English)]
    [InlineData("ja", ErrorLanguage.Japanese)]
    [InlineData("en", ErrorLanguage.English)]
    public void TheDefaultIsTheSetting(string? setting, ErrorLanguage expected) =>
        Assert.Equal(expected, ErrorLanguages.FromSetting(setting).Default);

    [Fact]
    public void AnUnknownDefaultStopsTheServiceFromStarting() =>
        Assert.Contains("Errors:DefaultLanguage", Assert.Throws<InvalidOperationException>(() => ErrorLanguages.FromSetting("de")).Message);

    [Fact]
    public async Task AGrpcCallAskingForJapaneseGetsItsNotFoundAndFieldViolationsInJapaneseWithTheProtosFieldNames()
    {
        var plans = new PlanService.PlanServiceClient(system.Gateway.Channel);
        var japanese = new Metadata { { "accept-language", "ja" } };

        var missing = Guid.NewGuid().ToString();
        var notFound =
            await Assert.ThrowsAsync<RpcException>(() => plans.GetPlanAsync(new GetPlanRequest { Id = missing }, japanese).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Equal($"計画「{missing}」は見つかりません。", notFound.Status.Detail);

        var invalid = await Assert.ThrowsAsync<RpcException>(
            () => plans.GetPlanAsync(new GetPlanRequest { Id = "not-a-uuid" }, japanese).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("UUID ではありません", RpcAssert.FieldViolations(invalid)["id"]);
    }

    [Fact]
    public async Task AGrpcCallWithoutAcceptLanguageGetsTheDeploymentsDefault()
    {
        var plans = new PlanService.PlanServiceClient(system.Gateway.Channel);
        var missing = Guid.NewGuid().ToString();
        var notFound = await Assert.ThrowsAsync<RpcException>(() => plans.GetPlanAsync(new GetPlanRequest { Id = missing }).ResponseAsync);
        Assert.Equal($"plan '{missing}' was not found.", notFound.Status.Detail); // English: the test system sets no default
    }

    [Fact]
    public async Task ARestCallWithAcceptLanguageJapaneseGetsTheServicesAndTheGatewaysMessagesInJapanese()
    {
        using var http = new HttpClient { BaseAddress = system.Gateway.RestAddress };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");

        using var unauthenticated = await http.GetAsync($"/plan/v1/plans/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("ベアラートークンが必要です（authorization: Bearer <JWT>）", Message(await unauthenticated.Content.ReadAsStringAsync()));

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.SystemToken());
        var missing = Guid.NewGuid();
        using var notFound = await http.GetAsync($"/plan/v1/plans/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal($"計画「{missing}」は見つかりません。", Message(await notFound.Content.ReadAsStringAsync()));
    }

    private static string? Message(string json) => JsonDocument.Parse(json).RootElement.GetProperty("message").GetString();
}
