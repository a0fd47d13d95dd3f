using Kyodo.Gateway;

var app = GatewayApp.Create(args);
if (HealthProbe.Requested(args)) return await HealthProbe.RunAsync(app.Configuration, args);
await app.RunAsync();
return 0;
