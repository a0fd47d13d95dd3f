using Kyodo.Security;

namespace Kyodo.ServiceDefaults.Errors;

/// <summary>An error that carries its message in both languages.</summary>
public interface ITranslatedError
{
    Text Text { get; }
}
