using System;
using System.IO;
using System.Linq;

namespace AsyncioGen.Package.Tests;

/// <summary>Packs the repository's AsyncioGen once per test run into a temporary local feed.</summary>
public sealed class PackedPackage : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public PackedPackage()
    {
        Root = Path.Combine(Path.GetTempPath(), "asynciogen-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        PackagesCache = Path.Combine(Root, "nuget-packages");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(PackagesCache);

        // Pack from a copy: `dotnet test` may still be building other projects of the repository, and a
        // restore or build of the same projects in place would race with it on their obj/ folders.
        string repository = CopySources(FindRepositoryRoot(), Path.Combine(Root, "src"));
        DotnetCli.Result pack = DotnetCli.Run(repository, PackagesCache, CommandTimeout,
            "pack", Path.Combine("runtime", "AsyncioGen", "AsyncioGen.csproj"),
            "-c", "Release", "-o", Feed, "-nodeReuse:false", "-p:Version=" + Version);
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed: " + pack);
        }
        NupkgPath = Directory.GetFiles(Feed, "AsyncioGen." + Version + ".nupkg").Single();
    }

    /// <summary>A version of its own, so nothing cached elsewhere can stand in for the package under test.</summary>
    public string Version { get; } = "0.1.0-e2e";

    public string Root { get; }

    public string Feed { get; }

    public string PackagesCache { get; }

    public string NupkgPath { get; }

    /// <summary>Writes a console project referencing the package from the local feed; returns its folder.</summary>
    public string CreateConsumer(string name, string program)
    {
        string folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AsyncioGen" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        // The local feed plus the machine's default source (inherited): exactly what a user's nuget.config adds.
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="asynciogen-e2e" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
        return folder;
    }

    public DotnetCli.Result Dotnet(string folder, params string[] arguments) =>
        DotnetCli.Run(folder, PackagesCache, CommandTimeout, arguments);

    /// <summary>Copies what packing needs (the packed projects and the repository's build settings), without bin/ and obj/.</summary>
    private static string CopySources(string repository, string destination)
    {
        foreach (string file in new[] { "Directory.Build.props", "README.md", "nuget.config", ".editorconfig" })
        {
            string source = Path.Combine(repository, file);
            if (File.Exists(source))
            {
                Directory.CreateDirectory(destination);
                File.Copy(source, Path.Combine(destination, file));
            }
        }
        foreach (string folder in new[] { "runtime", "generator", "analyzers" })
        {
            CopyFolder(Path.Combine(repository, folder), Path.Combine(destination, folder));
        }
        Directory.CreateDirectory(Path.Combine(destination, "artifacts", "packages"));
        return destination;
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
        foreach (string folder in Directory.GetDirectories(source))
        {
            string name = Path.GetFileName(folder);
            if (name is "bin" or "obj")
            {
                continue;
            }
            CopyFolder(folder, Path.Combine(destination, name));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AsyncioGen.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("AsyncioGen.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
