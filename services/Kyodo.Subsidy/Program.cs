using Kyodo.ServiceDefaults;
using Kyodo.Subsidy;

var app = SubsidyApp.Create(args);
return await app.RunKyodoServiceAsync(args);
