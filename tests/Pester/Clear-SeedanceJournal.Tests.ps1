# Pester 5: Clear-SeedanceJournal removes finished tasks and keeps unfinished and unconfirmed ones.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.3 -RateLimit 100000 -RateWindowSeconds 1 -JournalPath (Join-Path $TestDrive 'journal.jsonl') -Configuration @{ MaxRetries = 0 }
    $script:key = $sandbox.Key
    New-SeedanceVideo -Prompt 'Finished soon' -ApiKey $key | Wait-SeedanceTask -ApiKey $key | Out-Null
    New-SeedanceVideo -Prompt 'Still running' -ApiKey $key | Out-Null
    $fault = @{ kind = 'DropConnectionAfterCreate' } | ConvertTo-Json
    Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults')) -Body $fault -ContentType 'application/json' | Out-Null
    New-SeedanceVideo -Prompt 'Lost reply' -ApiKey $key -ErrorAction SilentlyContinue | Out-Null
}

AfterAll {
    Stop-TestSession $sandbox
}

Describe 'Clear-SeedanceJournal' {
    It 'changes nothing with -WhatIf' {
        Clear-SeedanceJournal -OlderThanDays 0 -WhatIf -PassThru | Should -BeNullOrEmpty
        Get-SeedanceTask | Should -HaveCount 3
    }

    It 'removes only the finished task' {
        $removed = @(Clear-SeedanceJournal -OlderThanDays 0 -PassThru -Confirm:$false)
        $removed.Prompt | Should -Be @('Finished soon')
        (Get-SeedanceTask).Prompt | Should -Be @('Lost reply', 'Still running')
    }
}
