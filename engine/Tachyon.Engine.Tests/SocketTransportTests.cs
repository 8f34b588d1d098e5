using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tachyon.Engine.Server;
using Xunit;

namespace Tachyon.Engine.Tests;

public class SocketTransportTests
{
    [Fact]
    public void TransportIsKestrelsSocketsTransport()
    {
        var (transport, services) = SocketTransport.Create();
        using (services) Assert.IsType<SocketTransportFactory>(transport);
    }

    [Fact]
    public void MemoryPoolIsKestrelsPinnedBlockPool()
    {
        var (_, services) = SocketTransport.Create();
        using (services)
        {
            using var pool = services.GetRequiredService<IMemoryPoolFactory<byte>>().Create();
            Assert.Equal("PinnedBlockMemoryPool", pool.GetType().Name);   // not MemoryPool<byte>.Shared
            Assert.Equal(4096, pool.MaxBufferSize);
        }
    }

    [Fact]
    public void KestrelContinuationsRunInline()
    {
        var (_, services) = SocketTransport.Create();
        using (services) Assert.True(services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
    }

    [Fact]
    public void SocketCompletionsRunInlineUnlessTheEnvironmentSaysOtherwise()
    {
        const string name = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
        string? before = Environment.GetEnvironmentVariable(name);
        try
        {
            Environment.SetEnvironmentVariable(name, null);
            SocketTransport.Create().Services.Dispose();
            Assert.Equal("1", Environment.GetEnvironmentVariable(name));

            Environment.SetEnvironmentVariable(name, "0");
            SocketTransport.Create().Services.Dispose();
            Assert.Equal("0", Environment.GetEnvironmentVariable(name));
        }
        finally { Environment.SetEnvironmentVariable(name, before); }
    }
}
