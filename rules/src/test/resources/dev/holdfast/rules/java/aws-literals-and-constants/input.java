package com.example;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;

public class S3Factory {
    private static final String KEY_ID = "{{AWS_KEY_ID_1}}";
    private static final String SECRET_PART = "{{AWS_SECRET_1}}";
    private static final String SECRET = SECRET_PART + "";

    S3Client client() {
        return S3Client.builder()
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(KEY_ID, SECRET)))
                .build();
    }

    AmazonS3 legacy() {
        String region = "eu-west-1";
        final String id = "{{AWS_KEY_ID_2}}";
        return new AmazonS3Client(new BasicAWSCredentials(id,
                "{{AWS_SECRET_2}}"));
    }

    S3Client fromEnv() {
        return S3Client.builder()
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET"))))
                .build();
    }
}
