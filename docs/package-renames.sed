# Issue 17: every package names its module (dev.holdfast.<module>.<area>), and one spelling of "catalogue".
# Other branches can bring their files to the new names with:
#   git ls-files -z '*.java' '*.xml' '*.md' '*.yml' '*.yaml' '*.sh' | xargs -0 sed -i -f docs/package-renames.sed
# (then move the folders under src/*/java and src/*/resources the same way; the rules are idempotent).
s/\bdev\.holdfast\.\(model\|detect\)\b/dev.holdfast.rules.\1/g
s/\bdev\.holdfast\.\(baseline\|change\|cloud\|config\|event\|git\|hardening\|identity\|push\|scan\|scenario\|source\)\b/dev.holdfast.scanner.\1/g
s/\bdev\/holdfast\/\(model\|detect\)\b/dev\/holdfast\/rules\/\1/g
s/\bdev\/holdfast\/\(baseline\|change\|cloud\|config\|event\|git\|hardening\|identity\|push\|scan\|scenario\|source\)\b/dev\/holdfast\/scanner\/\1/g
s/\bdev\.holdfast\.rules\.catalog\b/dev.holdfast.rules.catalogue/g
s/\bdev\/holdfast\/rules\/catalog\b/dev\/holdfast\/rules\/catalogue/g
s/\bRuleCatalog\b/RuleCatalogue/g
s/\bReferenceCatalog\b/ReferenceCatalogue/g
s/\bCatalogValidityTest\b/CatalogueValidityTest/g
s/\bReferenceCatalogTest\b/ReferenceCatalogueTest/g
