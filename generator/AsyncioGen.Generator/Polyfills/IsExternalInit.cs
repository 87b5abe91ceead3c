// netstandard2.0 lacks the marker type `init` accessors (and so records) need.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
