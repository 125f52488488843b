# Per-call cost on real pwsh: Get-SeedanceTask -Id and New-SeedanceVideo (journal on and off, key from the environment
# or from the vault) beside Invoke-RestMethod and a reused HttpClient doing the same request from script. Every way
# runs in this one process, in rounds whose order rotates; prints one JSON line: per way, the microseconds per call of
# each round.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Key,
    [Parameter(Mandatory)] [string] $JournalPath,
    [int] $Calls = 200,
    [int] $Rounds = 5,
    [switch] $Vault
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
Set-SeedanceConfiguration -BaseUri $BaseUri -JournalPath $JournalPath -RateLimit 100000 -RateLimitWindowSeconds 1
$env:SEEDANCE_API_KEY = $Key
$id = (New-SeedanceVideo -Prompt 'per-call benchmark [takes:0.1]' -Confirm:$false -Wait).Id
if ($Vault) {
    Set-SeedanceApiKey -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -Confirm:$false
}

$taskUri = [uri]::new([uri]$BaseUri, "api/v1/tasks/$id")
$submitUri = [uri]::new([uri]$BaseUri, 'api/v1/video/seedance2')
$headers = @{ Authorization = "Bearer $Key" }
$http = [System.Net.Http.HttpClient]::new()
$http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Key)
$script:n = 0
function Next-Prompt { $script:n++; "per-call submit $script:n" }

$journalOff = { Set-SeedanceConfiguration -NoJournal }
$journalOn = { Set-SeedanceConfiguration -JournalPath $JournalPath }
$vaultKey = { Remove-Item Env:SEEDANCE_API_KEY }
$environmentKey = { $env:SEEDANCE_API_KEY = $Key }
$ways = [ordered]@{
    'get.module' = @{ Run = { $null = Get-SeedanceTask -Id $id } }
    'get.module.nojournal' = @{ Run = { $null = Get-SeedanceTask -Id $id }; Before = $journalOff; After = $journalOn }
    'get.irm' = @{ Run = { $null = Invoke-RestMethod -Uri $taskUri -Headers $headers } }
    'get.httpclient' = @{ Run = { $null = $http.GetStringAsync($taskUri).GetAwaiter().GetResult() | ConvertFrom-Json } }
    'new.module' = @{ Run = { $null = New-SeedanceVideo -Prompt (Next-Prompt) -Confirm:$false } }
    'new.module.nojournal' = @{ Run = { $null = New-SeedanceVideo -Prompt (Next-Prompt) -Confirm:$false }; Before = $journalOff; After = $journalOn }
    'new.irm' = @{ Run = {
        $h = @{ Authorization = "Bearer $Key"; 'Idempotency-Key' = [guid]::NewGuid().ToString() }
        $null = Invoke-RestMethod -Method Post -Uri $submitUri -Headers $h -ContentType 'application/json' -Body (@{ prompt = (Next-Prompt) } | ConvertTo-Json -Compress)
    } }
    'new.httpclient' = @{ Run = {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, $submitUri)
        $request.Headers.Add('Idempotency-Key', [guid]::NewGuid().ToString())
        $request.Content = [System.Net.Http.StringContent]::new((@{ prompt = (Next-Prompt) } | ConvertTo-Json -Compress), [System.Text.Encoding]::UTF8, 'application/json')
        $response = $http.SendAsync($request).GetAwaiter().GetResult()
        $null = $response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json
        $response.Dispose()
        $request.Dispose()
    } }
}
if ($Vault) {
    $ways['get.module.vault'] = @{ Run = { $null = Get-SeedanceTask -Id $id }; Before = $vaultKey; After = $environmentKey }
    $ways['new.module.vault'] = @{ Run = { $null = New-SeedanceVideo -Prompt (Next-Prompt) -Confirm:$false }; Before = $vaultKey; After = $environmentKey }
}

$names = @($ways.Keys)
$results = @{}
foreach ($name in $names) {
    $results[$name] = [System.Collections.Generic.List[double]]::new()
    $way = $ways[$name]
    if ($way.Before) { & $way.Before }
    for ($i = 0; $i -lt 10; $i++) { & $way.Run }
    if ($way.After) { & $way.After }
}

for ($round = 0; $round -lt $Rounds; $round++) {
    for ($k = 0; $k -lt $names.Count; $k++) {
        $name = $names[($round + $k) % $names.Count]
        $way = $ways[$name]
        if ($way.Before) { & $way.Before }
        $run = $way.Run
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        for ($i = 0; $i -lt $Calls; $i++) { & $run }
        $clock.Stop()
        if ($way.After) { & $way.After }
        $results[$name].Add($clock.Elapsed.TotalMilliseconds * 1000 / $Calls)
    }
}

$http.Dispose()
$results | ConvertTo-Json -Compress
