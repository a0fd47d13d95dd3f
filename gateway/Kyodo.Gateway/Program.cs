using Kyodo.Gateway;

// The health probe needs only the configuration, not a gateway that can start (no Auth section needed).
if (HealthProbe.Requested(args)) return await HealthProbe.RunAsync(WebApplication.CreateBuilder(args).Configuration, args);
var app = GatewayApp.Create(args);
await app.RunAsync();
return 0;
