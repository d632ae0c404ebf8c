using KtvRec.Api.Hosting;
using KtvRec.Api.Retraining;
using KtvRec.Api.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddStorage();
builder.Services.AddErrorHandling();
builder.Services.AddApiDocumentation();
builder.Services.AddVenue();
builder.Services.AddRetraining();

var app = builder.Build();

app.UseErrorHandling();
app.UseApiDocumentation();
app.MapVenue();
app.MapRetraining();

app.Run();

/// <summary>The service's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
