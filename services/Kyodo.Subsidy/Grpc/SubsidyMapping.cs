using Google.Protobuf.WellKnownTypes;

namespace Kyodo.Subsidy.Grpc;

internal static class SubsidyMapping
{
    public static V1.Program ToMessage(this Domain.SubsidyProgram program) => new()
    {
        Id = program.Id.ToString(),
        MunicipalityCode = program.MunicipalityCode,
        Name = program.Name,
        Version = program.Version,
        CreatedAt = Timestamp.FromDateTimeOffset(program.CreatedAt),
    };
}
