using System;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace AsyncioGen.Package.Tests;

/// <summary>
/// Packs AsyncioGen, creates a fresh console project, adds the package from a local feed, and checks
/// what a user sees: the [Future] twin compiles, AIO001 is reported with its help link, warnings as
/// errors fail the build on it, and the program runs.
/// </summary>
public sealed class PackageEndToEndTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;

    public PackageEndToEndTests(PackedPackage package) => _package = package;

    [Fact]
    public void Package_holds_the_runtime_and_the_three_roslyn_components()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.NupkgPath);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net8.0/AsyncioGen.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AsyncioGen.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AsyncioGen.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AsyncioGen.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        string nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
        Assert.Contains("<id>AsyncioGen</id>", nuspec);
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Contains("buildTransitive/AsyncioGen.props", entries);
        Assert.Contains("buildTransitive/AsyncioGen.strict.globalconfig", entries);
    }

    [Fact]
    public void Consumer_build_shows_the_twin_and_AIO001_and_runs()
    {
        string project = _package.CreateConsumer("Consumer", ConsumerSource.Program);

        DotnetCli.Result build = _package.Dotnet(project, "build", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, "build failed: " + build);
        Assert.Contains("warning AIO001", build.Output);
        Assert.Contains("docs/diagnostics/AIO001.md", build.Output);

        DotnetCli.Result strict = _package.Dotnet(project, "build", "-nodeReuse:false", "--no-incremental", "-p:TreatWarningsAsErrors=true");
        Assert.True(strict.ExitCode != 0, "the build with TreatWarningsAsErrors should fail on AIO001: " + strict);
        Assert.Contains("error AIO001", strict.Output);

        DotnetCli.Result switched = _package.Dotnet(project, "build", "-nodeReuse:false", "--no-incremental", "-p:AsyncioGenStrict=true");
        Assert.True(switched.ExitCode != 0, "the build with AsyncioGenStrict should fail on AIO001: " + switched);
        Assert.Contains("error AIO001", switched.Output);

        // Back to the default build, so the program that runs is the one built with default settings.
        Assert.Equal(0, _package.Dotnet(project, "build", "-nodeReuse:false", "--no-incremental").ExitCode);
        DotnetCli.Result run = _package.Dotnet(project, "run", "--no-build");
        Assert.True(run.ExitCode == 0, "run failed: " + run);
        Assert.Contains("read 5 bytes through the generated twin", run.Output);
        Assert.Contains("second SetResult: InvalidStateError", run.Output);
    }
}
