# Full overwrite: the body replaces the whole interview and ALL its assessments; send it complete.
# Lark (international): use https://open.larksuite.com instead of https://open.feishu.cn.
curl -X PUT 'https://open.feishu.cn/open-apis/hire/v1/external_interviews/6960663240925956660' \
  -H 'Content-Type: application/json; charset=utf-8' \
  -H 'Authorization: Bearer t-7f1bcd13fc57d46bac21793a18e560' \
  -d '{
    "external_application_id": "6960663240925956437",
    "participate_status": 2,
    "begin_time": 1618500278638,
    "end_time": 1618500278639,
    "interview_assessments": [
      {
        "username": "张三",
        "conclusion": 2,
        "assessment_dimension_list": [
          { "assessment_type": 1, "title": "心理测试", "description": "心理测试描述", "score": 99 },
          { "assessment_type": 2, "title": "推荐程度", "option": "选项1" },
          { "assessment_type": 3, "title": "评语", "content": "测试内容" },
          { "assessment_type": 4, "title": "技能", "options": ["选项1", "选项2"] }
        ],
        "content": "面试内容结果补充"
      }
    ]
  }'
