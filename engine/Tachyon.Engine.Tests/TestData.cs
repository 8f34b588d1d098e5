using System.Text.Json;

namespace Tachyon.Engine.Tests;

/// <summary>Reads the CPython-generated case files in Data/ (see the make_*.py scripts there).</summary>
internal static class TestData
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static IEnumerable<JsonElement> JsonLines(string name) =>
        File.ReadLines(Path(name)).Select(line => JsonDocument.Parse(line).RootElement);
}
