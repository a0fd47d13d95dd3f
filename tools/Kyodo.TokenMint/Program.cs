using Kyodo.Security;
using Microsoft.Extensions.Configuration;

// kyodo-token --municipality 35203 --role editor [--departments id1,id2] [--subject name] [--scopes a,b] [--minutes 60]
// Signs with Auth:Issuer, Auth:Audience and Auth:SigningKey from the environment (Auth__Issuer …),
// the same local key the services validate with. Production tokens come from the OIDC provider.
var arguments = MintArguments.Parse(args);
if (arguments.Error is { } error)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(MintArguments.Usage);
    return 2;
}

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
AuthOptions options;
try
{
    options = TokenValidation.Read(configuration);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine(TokenMinter.Mint(options, arguments.Request!));
return 0;
