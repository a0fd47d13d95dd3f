using Kyodo.Budget;
using Kyodo.ServiceDefaults;

var app = BudgetApp.Create(args);
return await app.RunKyodoServiceAsync(args);
