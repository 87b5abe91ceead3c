using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncioGen.Analyzers.Tests.Harness;

/// <summary>
/// Applies a code fix to marked-up source and compares the result with the expected text; then
/// checks that the fixed code compiles and no longer reports the diagnostic.
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Fixes the first diagnostic (the marked one) with the fix's first action (or the one with <paramref name="equivalenceKey"/>).</summary>
    public static async Task VerifyFixAsync(string markup, string expected, string? equivalenceKey = null)
    {
        (string source, _) = Markup.Parse(markup);
        await AnalyzerVerifier<TAnalyzer>.VerifyAsync(markup);
        Document document = CreateDocument(source);
        Diagnostic diagnostic = (await GetDiagnosticsAsync(document)).OrderBy(d => d.Location.SourceSpan.Start).First();
        CodeAction action = await GetActionAsync(document, diagnostic, equivalenceKey);
        Document fixedDocument = await ApplyAsync(document, action);
        await AssertFixedAsync(fixedDocument, expected);
    }

    /// <summary>The marked diagnostic is reported, but no fix (or none with <paramref name="equivalenceKey"/>) is offered: it would not compile there.</summary>
    public static async Task VerifyNoFixAsync(string markup, string? equivalenceKey = null)
    {
        (string source, _) = Markup.Parse(markup);
        await AnalyzerVerifier<TAnalyzer>.VerifyAsync(markup);
        Document document = CreateDocument(source);
        foreach (Diagnostic diagnostic in await GetDiagnosticsAsync(document))
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await new TCodeFix().RegisterCodeFixesAsync(context);
            var offered = actions.SelectMany(a => a.NestedActions.IsDefaultOrEmpty ? new[] { a } : a.NestedActions.ToArray())
                .Where(a => equivalenceKey is null || a.EquivalenceKey == equivalenceKey).ToList();
            Assert.True(offered.Count == 0, "A fix was offered for " + diagnostic + ": " + string.Join(", ", offered.Select(a => a.Title)));
        }
    }

    /// <summary>Fix All in <paramref name="scope"/> (document, project or solution) through the fix's FixAllProvider.</summary>
    public static async Task VerifyFixAllAsync(string markup, string expected, FixAllScope scope = FixAllScope.Document, string? equivalenceKey = null)
    {
        (string source, _) = Markup.Parse(markup);
        await AnalyzerVerifier<TAnalyzer>.VerifyAsync(markup);
        Document document = CreateDocument(source);
        var fix = new TCodeFix();
        ImmutableArray<Diagnostic> diagnostics = await GetDiagnosticsAsync(document);
        Diagnostic first = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First();
        CodeAction firstAction = await GetActionAsync(document, first, equivalenceKey);
        FixAllProvider provider = fix.GetFixAllProvider() ?? throw new Xunit.Sdk.XunitException("The fix has no FixAllProvider.");
        Assert.Contains(scope, provider.GetSupportedFixAllScopes());
        var context = new FixAllContext(
            document, fix, scope, firstAction.EquivalenceKey,
            fix.FixableDiagnosticIds, new DiagnosticProvider(), CancellationToken.None);
        CodeAction? fixAll = await provider.GetFixAsync(context);
        Assert.NotNull(fixAll);
        Document fixedDocument = await ApplyAsync(document, fixAll!);
        await AssertFixedAsync(fixedDocument, expected);
    }

    private static async Task AssertFixedAsync(Document fixedDocument, string expected)
    {
        string actual = (await fixedDocument.GetTextAsync()).ToString();
        Assert.Equal(Normalize(expected), Normalize(actual));

        Compilation compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The fixed code does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        var fix = new TCodeFix();
        var remaining = (await AnalyzerVerifier<TAnalyzer>.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())))
            .Where(d => fix.FixableDiagnosticIds.Contains(d.Id)).ToArray();
        Assert.True(remaining.Length == 0, "The fixed code still reports:" + Environment.NewLine + string.Join(Environment.NewLine, remaining.Select(d => d.ToString())));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    public static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: TestCompilation.ParseOptions,
                metadataReferences: TestCompilation.References))
            .AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.cs", SourceText.From(TestCompilation.GlobalUsings));
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Test0.cs", SourceText.From(source));
        return solution.GetDocument(documentId)!;
    }

    private static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        var all = await AnalyzerVerifier<TAnalyzer>.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()));
        var fixable = new TCodeFix().FixableDiagnosticIds;
        return all.Where(d => d.Location.SourceTree == tree && fixable.Contains(d.Id)).ToImmutableArray();
    }

    private static async Task<CodeAction> GetActionAsync(Document document, Diagnostic diagnostic, string? equivalenceKey)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new TCodeFix().RegisterCodeFixesAsync(context);
        var flat = actions.SelectMany(a => a.NestedActions.IsDefaultOrEmpty ? new[] { a } : a.NestedActions.ToArray()).ToList();
        Assert.True(flat.Count > 0, "The code fix registered no action for " + diagnostic);
        return equivalenceKey is null ? flat[0] : flat.Single(a => a.EquivalenceKey == equivalenceKey);
    }

    private static async Task<Document> ApplyAsync(Document document, CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return solution.GetDocument(document.Id)!;
    }

    /// <summary>Gives Fix All the analyzer's diagnostics of a document, project or solution.</summary>
    private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            await GetDiagnosticsAsync(document);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await GetAllDiagnosticsAsync(project, cancellationToken);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var result = new List<Diagnostic>();
            foreach (Document document in project.Documents)
            {
                result.AddRange(await GetDiagnosticsAsync(document));
            }
            return result;
        }
    }
}
