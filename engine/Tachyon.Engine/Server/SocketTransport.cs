using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Tachyon.Engine.Server;

/// <summary>
/// Kestrel's sockets transport with the services ASP.NET's host would give it. Constructed by hand
/// (<c>new SocketTransportFactory(options, loggerFactory)</c>) the transport falls back to
/// <c>MemoryPool&lt;byte&gt;.Shared</c>, whose per-thread caches assume a buffer returns to the thread
/// that rented it. Here it does not (a lane writes the response, a socket thread sends it), and that pool
/// kept allocating fresh arrays: zeroing them took about 6% of the server's CPU at 256 connections.
/// Registered the way <c>UseKestrel().UseSockets()</c> does it, the transport gets Kestrel's pinned
/// block pool, shared by all threads.
/// </summary>
internal static class SocketTransport
{
    /// <summary>The transport, and the container that owns its memory pool (dispose it after the server).</summary>
    public static (IConnectionListenerFactory Transport, ServiceProvider Services) Create()
    {
        var services = new ServiceCollection().AddLogging().AddMetrics();
        new ServicesOnlyBuilder(services).UseKestrel().UseSockets();
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IConnectionListenerFactory>(), provider);
    }

    /// <summary>Lets the web host's extension methods register their services, and nothing else.</summary>
    sealed class ServicesOnlyBuilder(IServiceCollection services) : IWebHostBuilder
    {
        public IWebHost Build() => throw new NotSupportedException("only collects services");
        public IWebHostBuilder ConfigureAppConfiguration(Action<WebHostBuilderContext, IConfigurationBuilder> configure) => this;
        public IWebHostBuilder ConfigureServices(Action<IServiceCollection> configure)
        {
            configure(services);
            return this;
        }
        public IWebHostBuilder ConfigureServices(Action<WebHostBuilderContext, IServiceCollection> configure)
        {
            configure(new WebHostBuilderContext(), services);
            return this;
        }
        public string? GetSetting(string key) => null;
        public IWebHostBuilder UseSetting(string key, string? value) => this;
    }
}
