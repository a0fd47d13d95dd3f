using System.Linq.Expressions;

namespace Kyodo.ServiceDefaults.Security;

public static class ReachableQueries
{
    /// <summary>
    /// Only the rows of the municipality the caller reaches (all rows for a cross-municipality
    /// system caller). Loading through this makes a foreign id take exactly the path of a
    /// missing one: same NOT_FOUND, same message, nothing about the other record leaks.
    /// </summary>
    public static IQueryable<T> Reachable<T>(this IQueryable<T> rows, CallAccess access, Expression<Func<T, string>> municipalityCode)
    {
        if (access.MunicipalityScope is not { } scope) return rows;
        // The code is read from a field of a constant object, as from a lambda's captured variable, so
        // EF sends it as a parameter: one compiled query and one prepared statement serve every
        // municipality. A plain constant would be written into the SQL, and each of the 1,741
        // municipalities would compile, cache and prepare a query of its own.
        var code = Expression.Field(Expression.Constant(new Scope(scope)), nameof(Scope.Code));
        var same = Expression.Equal(municipalityCode.Body, code);
        return rows.Where(Expression.Lambda<Func<T, bool>>(same, municipalityCode.Parameters));
    }

    private sealed class Scope(string code)
    {
        public readonly string Code = code;
    }
}
