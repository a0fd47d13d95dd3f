using Grpc.Core.Interceptors;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Subsidy.Tests;

/// <summary>A write subsidy makes in budget for its caller is audited in budget with the caller's address.</summary>
public sealed class ForwardedAddressTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    [Fact]
    public async Task AnAwardsReservationInBudgetNamesTheClientTheGatewayForwarded()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "20209");
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);
        // As the gateway forwards it: the client first, then the proxies it passed.
        var throughGateway = new SubsidyService.SubsidyServiceClient(system.Subsidy.Channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + TestAuth.SystemTokenAs("komoro-shinsa"));
            metadata.Add("x-forwarded-for", "203.0.113.77, 10.0.0.9");
            return metadata;
        }));

        await throughGateway.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000 });

        var reservation = Assert.Single(
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId })).Reservations);
        var trail = (await system.Budgets.GetAuditTrailAsync(
            new GetAuditTrailRequest { MunicipalityCode = "20209", RecordType = "reservation", RecordId = reservation.Id })).Entries;
        var created = Assert.Single(trail);
        Assert.Equal(("komoro-shinsa", "203.0.113.77"), (created.Actor.Subject, created.Actor.Address));
        Assert.Equal("127.0.0.1", created.Actor.PeerAddress); // the subsidy service's connection, kept apart
    }
}
