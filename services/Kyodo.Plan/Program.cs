using Kyodo.Plan;
using Kyodo.ServiceDefaults;

var app = PlanApp.Create(args);
return await app.RunKyodoServiceAsync(args);
