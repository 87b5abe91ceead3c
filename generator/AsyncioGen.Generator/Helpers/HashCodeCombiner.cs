namespace AsyncioGen.Generator.Helpers;

/// <summary>A small hash combiner (netstandard2.0 has no System.HashCode).</summary>
internal static class HashCodeCombiner
{
    public static int Combine(int seed, int value)
    {
        unchecked
        {
            return (seed * -1521134295) + value;
        }
    }
}
